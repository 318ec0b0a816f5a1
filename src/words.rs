//! Counting the words of a page, for its reading time.
//!
//! A word is a run of characters between whitespace (ASCII whitespace or a no-break space)
//! that holds a letter or a digit: `¿Qué` is one, a lone `—` or `-` is not.
//!
//! Every page is counted as it is read, so this runs over every byte of a course. It works
//! on 64 bytes at a time, as bit masks: one bit per byte for whitespace, for ASCII letters
//! and digits, and for bytes of non-ASCII characters. The byte loop it replaced, with a
//! branch per byte, took 1.9 ns a byte and a quarter of loading a course; this takes 0.5.

pub(crate) const BLOCK: usize = 64;

/// The words of `text`.
pub(crate) fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut counter = Counter::default();
    for (k, block) in bytes.chunks(BLOCK).enumerate() {
        let base = k * BLOCK;
        counter.block(
            text,
            base,
            Masks::new(block, bytes.get(base + BLOCK).copied()),
        );
    }
    // A last block of spaces ends the last run, so every run is settled.
    counter.block(text, bytes.len(), Masks::new(&[], None));
    counter.words
}

/// One bit per byte of a block, bit `i` for byte `i`.
struct Masks {
    space: u64,
    alnum: u64,
    non_ascii: u64,
}

impl Masks {
    /// `block` holds up to [`BLOCK`] bytes, the rest counting as spaces; `next` is the
    /// byte after it, for a no-break space cut in two.
    fn new(block: &[u8], next: Option<u8>) -> Masks {
        let mut bytes = [b' '; BLOCK];
        bytes[..block.len()].copy_from_slice(block);
        let [space, alnum, non_ascii, c2, a0] = classes(&bytes);
        // A no-break space (C2 A0) ends a run at its first byte. Its second byte starts
        // the next run as a non-ASCII byte: a run of punctuation after it (`50\u{a0}%`)
        // goes to the character-by-character check, where `run_start` leaves the byte
        // out, so the count is right.
        let next_a0 = u64::from(next == Some(0xA0)) << 63;
        Masks {
            space: space | (c2 & ((a0 >> 1) | next_a0)),
            alnum,
            non_ascii,
        }
    }
}

/// Per byte of `block`, a bit: whether it is an ASCII letter or
/// digit or a byte beyond ASCII, so may be in a word: the search index finds its words as
/// runs of these.
pub(crate) fn word_bytes(block: &[u8; BLOCK]) -> u64 {
    let [_, alnum, non_ascii, _, _] = classes(block);
    alnum | non_ascii
}

/// One mask per class, bit `i` for byte `i`: ASCII whitespace, ASCII letters and digits,
/// non-ASCII bytes, and the two bytes of a no-break space (C2 and A0). Sixteen bytes are
/// compared at once (SSE2 on x86-64, through `wide`), with their top bits gathered by one
/// instruction: a fifth of the instructions of doing it a byte at a time.
fn classes(bytes: &[u8; BLOCK]) -> [u64; 5] {
    use wide::i8x16;
    // Signed compares: non-ASCII bytes are negative, so no ASCII range takes them.
    let within = |v: i8x16, lo: u8, hi: u8| {
        v.simd_gt(i8x16::splat(lo as i8 - 1)) & v.simd_lt(i8x16::splat(hi as i8 + 1))
    };
    let mut masks = [0u64; 5];
    for (k, chunk) in bytes.chunks_exact(16).enumerate() {
        let mut lanes = [0i8; 16];
        for (lane, &b) in lanes.iter_mut().zip(chunk) {
            *lane = b as i8;
        }
        let v = i8x16::new(lanes);
        let eq = |b: u8| v.simd_eq(i8x16::splat(b as i8));
        let space = eq(b' ') | eq(b'\n') | eq(b'\t') | eq(b'\r') | eq(0x0C);
        // `| 0x20` makes capitals lowercase and moves no other byte into a..z.
        let alnum = within(v | i8x16::splat(0x20), b'a', b'z') | within(v, b'0', b'9');
        for (mask, class) in masks.iter_mut().zip([space, alnum, v, eq(0xC2), eq(0xA0)]) {
            *mask |= u64::from(class.to_bitmask()) << (16 * k);
        }
    }
    masks
}

/// [`classes`] a byte at a time: what the tests hold it to.
#[cfg(test)]
fn classes_bytewise(bytes: &[u8; BLOCK]) -> [u64; 5] {
    let tests: [fn(u8) -> bool; 5] = [
        |b| b.is_ascii_whitespace(),
        |b| b.is_ascii_alphanumeric(),
        |b| b >= 0x80,
        |b| b == 0xC2,
        |b| b == 0xA0,
    ];
    tests.map(|test| {
        bytes
            .iter()
            .enumerate()
            .fold(0, |m, (i, &b)| m | u64::from(test(b)) << i)
    })
}

/// The count so far, and the state of the run that is still open at a block's end.
#[derive(Default)]
struct Counter {
    words: usize,
    /// The last byte of the previous block was in a run.
    in_run: bool,
    /// The open run has no ASCII letter or digit yet.
    want_alnum: bool,
    /// The open run has no non-ASCII byte yet.
    want_non_ascii: bool,
}

impl Counter {
    fn block(&mut self, text: &str, base: usize, m: Masks) {
        let space = m.space;
        let in_run = !space;
        let starts = in_run & !((in_run << 1) | u64::from(self.in_run));
        self.in_run = in_run >> 63 == 1;
        // From each run's first byte, a borrow runs up to the first byte that is either
        // what we look for or a space. It stops at (clears) a wanted byte when the run has
        // one, and at the space after the run when it has none.
        let (alnum_stops, want_alnum) = first_of(m.alnum | space, starts, self.want_alnum);
        let (other_stops, want_non_ascii) =
            first_of(m.non_ascii | space, starts, self.want_non_ascii);
        self.want_alnum = want_alnum;
        self.want_non_ascii = want_non_ascii;
        self.words += (m.alnum & alnum_stops).count_ones() as usize;
        // Runs with no ASCII letter or digit but with other characters ("é", "—"): rare,
        // so each is looked at character by character.
        let mut unsure = space & alnum_stops & !other_stops;
        while unsure != 0 {
            let end = (base + unsure.trailing_zeros() as usize).min(text.len());
            unsure &= unsure - 1;
            let start = run_start(text.as_bytes(), end);
            self.words += usize::from(text.get(start..end).is_some_and(is_word));
        }
    }
}

/// The bits of `stops` where a borrow from a bit of `starts` (or from below the block,
/// when `borrow`) came to a halt, and whether a borrow leaves the block.
fn first_of(stops: u64, starts: u64, borrow: bool) -> (u64, bool) {
    let (a, b1) = stops.overflowing_sub(starts);
    let (a, b2) = a.overflowing_sub(u64::from(borrow));
    (stops & !a, b1 || b2)
}

/// Where the run that ends at `end` begins: after the whitespace before it.
fn run_start(bytes: &[u8], end: usize) -> usize {
    let mut i = end;
    while i > 0 {
        let b = bytes[i - 1];
        if b.is_ascii_whitespace() || (b == 0xA0 && i > 1 && bytes[i - 2] == 0xC2) {
            break;
        }
        i -= 1;
    }
    i
}

fn is_word(run: &str) -> bool {
    run.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`count`] must agree with: the definition, one character at a time.
    fn reference(text: &str) -> usize {
        text.split(|c: char| c.is_ascii_whitespace() || c == '\u{a0}')
            .filter(|run| is_word(run))
            .count()
    }

    #[test]
    fn the_classes_of_every_byte_at_every_place() {
        for b in 0..=255u8 {
            for at in 0..BLOCK {
                let mut bytes = [b'x'; BLOCK];
                bytes[at] = b;
                assert_eq!(
                    classes(&bytes),
                    classes_bytewise(&bytes),
                    "byte {b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn words_hold_a_letter_or_a_digit() {
        assert_eq!(count("¿Qué es?  — Un momento\tde verdad. 12 %\né"), 8);
        assert_eq!(count(""), 0);
        assert_eq!(count("50\u{a0}% de\u{a0}clientes, à\u{a0}la"), 5);
        assert_eq!(count("  **hola**\n\n- uno\n"), 2);
        assert_eq!(count("Ωμέγα — Привет мир"), 3);
    }

    #[test]
    fn agrees_with_the_definition_on_any_text_across_blocks() {
        // Pieces that matter at a block's edge: a no-break space cut in two, multi-byte
        // letters and punctuation, runs longer than a block.
        let pieces = [
            "a",
            "Z9",
            " ",
            "\n",
            "\t",
            "\u{a0}",
            "é",
            "—",
            "¿",
            "-",
            "|",
            "#",
            "ñandú",
            "¢",
            "x\u{a0}",
            "\u{a0}\u{a0}",
            "東京",
            "**",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "------------------------------------------------------------------",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 60) as usize;
            let mut s = seed;
            for _ in 0..len {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(s >> 33) as usize % pieces.len()]);
            }
            assert_eq!(count(&text), reference(&text), "{text:?}");
        }
    }
}
