//! A table-driven single-pass lexer for the languages hl-lite does not cover: C, C++, C#,
//! Java, Go, Kotlin, Swift, and SQL. They share their tokens (comments, quoted strings,
//! numbers, identifiers), so one scanner reads them all, from a table of each language's
//! words and quirks. Like hl-lite, it is lexical: the fidelity of highlight.js, not a parser.

use super::Class;

/// What the scanner needs to know about one language.
pub(super) struct Language {
    /// Fence names, lower case.
    names: &'static [&'static str],
    line_comment: &'static str,
    keywords: &'static [&'static str],
    types: &'static [&'static str],
    constants: &'static [&'static str],
    /// SQL: keywords in any case, and `"…"` and `` `…` `` are names, not strings.
    sql: bool,
    /// `\` escapes the next character in a string (not in standard SQL).
    backslash_escapes: bool,
    /// Go: backquoted raw strings.
    raw_backquote: bool,
    /// C#: `@"…"` verbatim strings, with `""` for a quote and no escapes.
    verbatim_at: bool,
    /// C, C++: `L"…"`, `u8"…"`, and C++'s raw `R"delim(…)delim"`.
    prefixed_strings: bool,
    /// Kotlin `"${…}"`, Swift `"\(…)"`: the opening of an interpolation, and the bracket
    /// that nests inside it. Quotes inside do not end the string.
    interpolation: Option<(&'static str, u8, u8)>,
    /// Java, Kotlin, Swift, C#, C++: a capitalised identifier names a type.
    capitals_are_types: bool,
    /// C, C++, C#: `#include`, `#define`, `#region` and the other preprocessor lines.
    preprocessor: bool,
}

#[rustfmt::skip]
const C_KEYWORDS: &[&str] = &[
    "auto", "break", "case", "const", "continue", "default", "do", "else", "enum", "extern",
    "for", "goto", "if", "inline", "register", "restrict", "return", "sizeof", "static",
    "struct", "switch", "typedef", "union", "volatile", "while", "_Static_assert",
];
#[rustfmt::skip]
const C_TYPES: &[&str] = &[
    "bool", "char", "double", "float", "int", "long", "short", "signed", "unsigned", "void",
    "size_t", "ssize_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
    "uint32_t", "uint64_t", "uintptr_t", "FILE",
];
#[rustfmt::skip]
const CPP_KEYWORDS: &[&str] = &[
    "alignas", "alignof", "auto", "break", "case", "catch", "class", "co_await", "co_return",
    "co_yield", "concept", "const", "const_cast", "consteval", "constexpr", "constinit",
    "continue", "decltype", "default", "delete", "do", "dynamic_cast", "else", "enum",
    "explicit", "export", "extern", "final", "for", "friend", "goto", "if", "inline",
    "mutable", "namespace", "new", "noexcept", "operator", "override", "private", "protected",
    "public", "reinterpret_cast", "requires", "return", "sizeof", "static", "static_assert",
    "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "try",
    "typedef", "typename", "union", "using", "virtual", "volatile", "while",
];
#[rustfmt::skip]
const CPP_TYPES: &[&str] = &[
    "bool", "char", "char8_t", "char16_t", "char32_t", "double", "float", "int", "long",
    "short", "signed", "unsigned", "void", "wchar_t", "size_t", "ssize_t", "int8_t",
    "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    "uintptr_t", "string", "vector",
];
#[rustfmt::skip]
const CSHARP_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "base", "break", "case", "catch", "checked", "class",
    "const", "continue", "default", "delegate", "do", "else", "enum", "event", "explicit",
    "extern", "finally", "fixed", "for", "foreach", "get", "goto", "if", "implicit", "in",
    "init", "interface", "internal", "is", "lock", "nameof", "namespace", "new", "operator",
    "out", "override", "params", "partial", "private", "protected", "public", "readonly",
    "record", "ref", "required", "return", "sealed", "set", "sizeof", "stackalloc", "static",
    "struct", "switch", "this", "throw", "try", "typeof", "unchecked", "unsafe", "using",
    "var", "virtual", "volatile", "when", "where", "while", "with", "yield",
];
#[rustfmt::skip]
const CSHARP_TYPES: &[&str] = &[
    "bool", "byte", "char", "decimal", "double", "dynamic", "float", "int", "long", "nint",
    "nuint", "object", "sbyte", "short", "string", "uint", "ulong", "ushort", "void",
];
#[rustfmt::skip]
const JAVA_KEYWORDS: &[&str] = &[
    "abstract", "assert", "break", "case", "catch", "class", "continue", "default", "do",
    "else", "enum", "extends", "final", "finally", "for", "if", "implements", "import",
    "instanceof", "interface", "native", "new", "non-sealed", "package", "permits", "private",
    "protected", "public", "record", "return", "sealed", "static", "strictfp", "super",
    "switch", "synchronized", "this", "throw", "throws", "transient", "try", "var",
    "volatile", "while", "yield",
];
#[rustfmt::skip]
const JAVA_TYPES: &[&str] = &[
    "boolean", "byte", "char", "double", "float", "int", "long", "short", "void",
];
#[rustfmt::skip]
const GO_KEYWORDS: &[&str] = &[
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
    "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
    "return", "select", "struct", "switch", "type", "var",
];
#[rustfmt::skip]
const GO_TYPES: &[&str] = &[
    "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32",
    "float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8",
    "uint16", "uint32", "uint64", "uintptr",
];
#[rustfmt::skip]
const KOTLIN_KEYWORDS: &[&str] = &[
    "abstract", "annotation", "as", "break", "by", "catch", "class", "companion", "const",
    "constructor", "continue", "crossinline", "data", "do", "else", "enum", "external",
    "final", "finally", "for", "fun", "get", "if", "import", "in", "infix", "init", "inline",
    "inner", "interface", "internal", "is", "lateinit", "noinline", "object", "open",
    "operator", "out", "override", "package", "private", "protected", "public", "reified",
    "return", "sealed", "set", "super", "suspend", "tailrec", "this", "throw", "try",
    "typealias", "val", "value", "var", "vararg", "when", "where", "while",
];
#[rustfmt::skip]
const SWIFT_KEYWORDS: &[&str] = &[
    "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch",
    "class", "continue", "convenience", "default", "defer", "deinit", "didSet", "do",
    "dynamic", "else", "enum", "extension", "fallthrough", "fileprivate", "final", "for",
    "func", "get", "guard", "if", "import", "in", "indirect", "init", "inout", "internal",
    "is", "lazy", "let", "mutating", "nonisolated", "open", "operator", "optional",
    "override", "private", "protocol", "public", "repeat", "required", "rethrows", "return",
    "self", "Self", "set", "some", "static", "struct", "subscript", "super", "switch",
    "throw", "throws", "try", "typealias", "unowned", "var", "weak", "where", "while",
    "willSet",
];
#[rustfmt::skip]
const SQL_KEYWORDS: &[&str] = &[
    "add", "all", "alter", "and", "any", "as", "asc", "begin", "between", "by", "call",
    "cascade", "case", "check", "column", "commit", "conflict", "constraint", "create",
    "cross", "database", "declare", "default", "delete", "desc", "distinct", "do", "drop",
    "else", "end", "except", "exists", "foreign", "from", "full", "function", "grant",
    "group", "having", "if", "in", "index", "inner", "insert", "intersect", "into", "is",
    "join", "key", "language", "left", "like", "limit", "not", "nothing", "offset", "on",
    "or", "order", "outer", "over", "partition", "primary", "procedure", "references",
    "replace", "return", "returning", "returns", "revoke", "right", "rollback", "schema",
    "select", "set", "table", "then", "transaction", "trigger", "truncate", "union",
    "unique", "update", "using", "values", "view", "when", "where", "window", "with",
];
#[rustfmt::skip]
const SQL_TYPES: &[&str] = &[
    "bigint", "bigserial", "blob", "boolean", "char", "date", "decimal", "double", "float",
    "int", "integer", "interval", "json", "jsonb", "numeric", "real", "serial", "smallint",
    "text", "time", "timestamp", "timestamptz", "uuid", "varchar",
];
const NULLS: &[&str] = &["true", "false", "null", "NULL", "nullptr", "nil", "iota"];

/// A C-like language: `//` and `/* */` comments, `"` and `'` quotes with `\` escapes.
const C_LIKE: Language = Language {
    names: &[],
    line_comment: "//",
    keywords: &[],
    types: &[],
    constants: NULLS,
    sql: false,
    backslash_escapes: true,
    raw_backquote: false,
    verbatim_at: false,
    prefixed_strings: false,
    interpolation: None,
    capitals_are_types: false,
    preprocessor: false,
};

const SQL: Language = Language {
    names: &[
        "sql",
        "postgresql",
        "postgres",
        "psql",
        "sqlite",
        "plsql",
        "tsql",
    ],
    line_comment: "--",
    keywords: SQL_KEYWORDS,
    types: SQL_TYPES,
    sql: true,
    backslash_escapes: false,
    ..C_LIKE
};

const LANGUAGES: &[Language] = &[
    Language {
        names: &["c", "h"],
        keywords: C_KEYWORDS,
        types: C_TYPES,
        prefixed_strings: true,
        preprocessor: true,
        ..C_LIKE
    },
    Language {
        names: &["cpp", "c++", "cc", "cxx", "hpp", "hh"],
        keywords: CPP_KEYWORDS,
        types: CPP_TYPES,
        prefixed_strings: true,
        capitals_are_types: true,
        preprocessor: true,
        ..C_LIKE
    },
    Language {
        names: &["csharp", "cs", "c#"],
        keywords: CSHARP_KEYWORDS,
        types: CSHARP_TYPES,
        verbatim_at: true,
        capitals_are_types: true,
        preprocessor: true,
        ..C_LIKE
    },
    Language {
        names: &["java"],
        keywords: JAVA_KEYWORDS,
        types: JAVA_TYPES,
        capitals_are_types: true,
        ..C_LIKE
    },
    Language {
        names: &["go", "golang"],
        keywords: GO_KEYWORDS,
        types: GO_TYPES,
        raw_backquote: true,
        ..C_LIKE
    },
    Language {
        names: &["kotlin", "kt", "kts"],
        keywords: KOTLIN_KEYWORDS,
        interpolation: Some(("${", b'{', b'}')),
        capitals_are_types: true,
        ..C_LIKE
    },
    Language {
        names: &["swift"],
        keywords: SWIFT_KEYWORDS,
        interpolation: Some(("\\(", b'(', b')')),
        capitals_are_types: true,
        ..C_LIKE
    },
    SQL,
    // MySQL and MariaDB take `\` escapes in strings.
    Language {
        names: &["mysql", "mariadb"],
        backslash_escapes: true,
        ..SQL
    },
];

/// The language a fence names, if it is one of these.
pub(super) fn language(fence: &str) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .find(|language| language.names.iter().any(|n| n.eq_ignore_ascii_case(fence)))
}

/// Feeds every token of `code` to `push`, in order: the pieces always add up to `code`.
/// Tokens start and end between characters: at ASCII bytes, or around a word's non-ASCII
/// letters, which are taken whole.
pub(super) fn highlight(
    language: &Language,
    code: &str,
    mut push: impl FnMut(Option<Class>, &str),
) {
    let bytes = code.as_bytes();
    let mut i = 0;
    // Plain text is pushed in runs, not token by token.
    let mut plain_from = 0;
    let mut line_start = true;
    let mut include = false;
    while i < bytes.len() {
        let b = bytes[i];
        let rest = &bytes[i..];
        let (class, end) = if rest.starts_with(language.line_comment.as_bytes()) {
            (Some(Class::Comment), line_end(bytes, i))
        } else if rest.starts_with(b"/*") {
            (Some(Class::Comment), find(bytes, i + 2, b"*/"))
        } else if language.sql && (b == b'"' || b == b'`') {
            // A quoted name: its inside is neither keywords nor a string.
            (None, find(bytes, i + 1, &[b]))
        } else if b == b'\'' || b == b'"' {
            (Some(Class::String), string_end(language, bytes, i))
        } else if b == b'`' && language.raw_backquote {
            (Some(Class::String), find(bytes, i + 1, b"`"))
        } else if language.verbatim_at
            && [&b"@\""[..], b"$@\"", b"@$\""]
                .iter()
                .any(|p| rest.starts_with(p))
        {
            let quote = i + rest.iter().position(|&c| c == b'"').unwrap_or(0);
            (Some(Class::String), verbatim_end(bytes, quote))
        } else if b == b'<' && include {
            let end = line_end(bytes, i);
            match bytes[i..end].iter().position(|&c| c == b'>') {
                Some(at) => (Some(Class::String), i + at + 1),
                None => (None, i + 1),
            }
        } else if b.is_ascii_digit()
            || (b == b'.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(i.wrapping_sub(1)) != Some(&b'.'))
        {
            (Some(Class::Constant), number_end(bytes, i))
        } else if b == b'#' && line_start && language.preprocessor {
            let end = word_end(bytes, skip_blanks(bytes, i + 1));
            let directive = &code[i..end];
            include = directive.ends_with("include") || directive.ends_with("import");
            (Some(Class::Keyword), end)
        } else if b == b'@' && bytes.get(i + 1).is_some_and(|&c| is_word_start(c)) {
            (Some(Class::Support), word_end(bytes, i + 1))
        } else if is_word_start(b) {
            let end = word_end(bytes, i);
            match prefixed_string_end(language, bytes, i, end) {
                Some(string_end) => (Some(Class::String), string_end),
                None => (
                    word_class(language, &code[i..end], bytes.get(end) == Some(&b'(')),
                    end,
                ),
            }
        } else {
            (None, i + 1)
        };
        if class.is_some() {
            if plain_from < i {
                push(None, &code[plain_from..i]);
            }
            push(class, &code[i..end]);
            plain_from = end;
        }
        if b == b'\n' {
            include = false;
        }
        line_start = b == b'\n' || (line_start && (b == b' ' || b == b'\t'));
        i = end;
    }
    if plain_from < bytes.len() {
        push(None, &code[plain_from..]);
    }
}

fn word_class(language: &Language, word: &str, called: bool) -> Option<Class> {
    let is = |list: &[&str]| {
        if language.sql {
            list.iter().any(|w| w.eq_ignore_ascii_case(word))
        } else {
            list.contains(&word)
        }
    };
    let first = word.as_bytes()[0];
    if is(language.keywords) {
        Some(Class::Keyword)
    } else if is(language.constants) {
        Some(Class::Constant)
    } else if is(language.types) {
        Some(Class::Support)
    } else if called {
        Some(Class::Entity)
    } else if word.len() > 1
        && first.is_ascii_uppercase()
        && !word.bytes().any(|c| c.is_ascii_lowercase() || c >= 0x80)
        && !language.sql
    {
        // SCREAMING_CASE: a macro or a constant.
        Some(Class::Constant)
    } else if language.capitals_are_types && first.is_ascii_uppercase() {
        Some(Class::Support)
    } else {
        None
    }
}

/// Identifiers are ASCII letters, digits and `_`, and any non-ASCII character, so that
/// `días` is one word and not `dí` and the keyword `as`.
fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
    {
        i += 1;
    }
    i
}

fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|&c| c == b' ' || c == b'\t') {
        i += 1;
    }
    i
}

fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(bytes.len(), |at| i + at)
}

/// Just past the first `needle` at or after `from`, or the end of the code.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle)
        .map_or(bytes.len(), |at| from + at + needle.len())
}

/// Where the string opening at `i` ends: after its closing quote, or at the end of the line
/// if it has none, so one stray quote does not colour the rest of the block. Triple-quoted
/// text blocks and SQL strings may span lines.
fn string_end(language: &Language, bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    if quote == b'"' && bytes[i..].starts_with(b"\"\"\"") {
        return find(bytes, i + 3, b"\"\"\"");
    }
    let mut depth = 0;
    let mut j = i + 1;
    while let Some(&c) = bytes.get(j) {
        if let Some((open, nest, close)) = language.interpolation {
            if bytes[j..].starts_with(open.as_bytes()) {
                depth += 1;
                j += open.len();
                continue;
            }
            if depth > 0 {
                depth += i32::from(c == nest) - i32::from(c == close);
                j += 1;
                continue;
            }
        }
        if c == quote {
            return j + 1;
        }
        if c == b'\n' && !language.sql {
            return j;
        }
        // An escape takes the backslash and the byte after it; a multi-byte character
        // after it is finished by the next steps, which stop only at ASCII bytes.
        j += if c == b'\\' && language.backslash_escapes {
            2
        } else {
            1
        };
    }
    bytes.len()
}

/// C#'s `@"…"`, from its quote at `quote`: no escapes, `""` for a quote, across lines.
fn verbatim_end(bytes: &[u8], quote: usize) -> usize {
    let mut j = quote + 1;
    while let Some(&c) = bytes.get(j) {
        if c == b'"' {
            if bytes.get(j + 1) == Some(&b'"') {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    bytes.len()
}

/// C and C++ string prefixes: the word `start..end` followed by a quote is part of the
/// string (`L"…"`, `u8'…'`), and C++'s `R"delim(…)delim"` runs to its own closing.
fn prefixed_string_end(
    language: &Language,
    bytes: &[u8],
    start: usize,
    end: usize,
) -> Option<usize> {
    if !language.prefixed_strings || !matches!(bytes.get(end), Some(b'"' | b'\'')) {
        return None;
    }
    let prefix = &bytes[start..end];
    if [&b"L"[..], b"u", b"U", b"u8"].contains(&prefix) {
        return Some(string_end(language, bytes, end));
    }
    if [&b"R"[..], b"LR", b"uR", b"UR", b"u8R"].contains(&prefix) {
        let open = bytes[end..].iter().position(|&c| c == b'(')? + end;
        let delimiter = &bytes[end + 1..open];
        if delimiter.len() > 16 || delimiter.iter().any(|c| b" \\)\n\"".contains(c)) {
            return None;
        }
        let mut closing = vec![b')'];
        closing.extend_from_slice(delimiter);
        closing.push(b'"');
        return Some(find(bytes, open + 1, &closing));
    }
    None
}

/// `0x1F`, `1_000L`, `3.5e-2f`, `1'000'000`: digits, letters, `_` and `.`, a sign after an
/// exponent, and `'` between digits.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let hex = bytes[i..].starts_with(b"0x") || bytes[i..].starts_with(b"0X");
    while let Some(&c) = bytes.get(i) {
        let before = bytes.get(i.wrapping_sub(1)).copied();
        let exponent_sign = (c == b'+' || c == b'-') && !hex && matches!(before, Some(b'e' | b'E'));
        // `1..10` is a range, not a number.
        let dot = c == b'.' && bytes.get(i + 1) != Some(&b'.');
        let separator = c == b'\''
            && before.is_some_and(|p| p.is_ascii_digit())
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_alphanumeric() || c == b'_' || dot || exponent_sign || separator {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code with each classified token written `[class:text]`.
    fn marked(fence: &str, code: &str) -> String {
        let mut out = String::new();
        let mut whole = String::new();
        let language = language(fence).expect("a known fence");
        highlight(language, code, |class, text| {
            whole.push_str(text);
            match class {
                Some(class) => out.push_str(&format!("[{}:{text}]", class.name())),
                None => out.push_str(text),
            }
        });
        assert_eq!(whole, code, "the pieces add up to the code");
        out
    }

    #[test]
    fn c_with_preprocessor_comments_strings_and_calls() {
        assert_eq!(
            marked(
                "c",
                "#include <stdio.h>\n#define MAX 10\nint main(void) {\n  printf(\"%d\\n\", MAX); // done\n  return 0x1F;\n}\n"
            ),
            "[keyword:#include] [string:<stdio.h>]\n[keyword:#define] [constant:MAX] [constant:10]\n\
             [support:int] [entity:main]([support:void]) {\n  [entity:printf]([string:\"%d\\n\"], \
             [constant:MAX]); [comment:// done]\n  [keyword:return] [constant:0x1F];\n}\n"
        );
    }

    #[test]
    fn java_annotations_types_and_text_blocks() {
        assert_eq!(
            marked(
                "Java",
                "@Override\npublic String name() { return \"\"\"\n  hi\"\"\"; }"
            ),
            "[support:@Override]\n[keyword:public] [support:String] [entity:name]() { \
             [keyword:return] [string:\"\"\"\n  hi\"\"\"]; }"
        );
    }

    #[test]
    fn go_raw_strings_and_builtin_types() {
        assert_eq!(
            marked("go", "func f(s string) error {\n\treturn `a\nb` + nil\n}"),
            "[keyword:func] [entity:f](s [support:string]) [support:error] {\n\t\
             [keyword:return] [string:`a\nb`] + [constant:nil]\n}"
        );
    }

    #[test]
    fn sql_keywords_in_any_case_and_doubled_quotes() {
        assert_eq!(
            marked(
                "sql",
                "SELECT name, count(*) FROM users -- all\nwhere note = 'it''s' AND id > 2.5e3;"
            ),
            "[keyword:SELECT] name, [entity:count](*) [keyword:FROM] users [comment:-- all]\n\
             [keyword:where] note = [string:'it'][string:'s'] [keyword:AND] id > [constant:2.5e3];"
        );
    }

    #[test]
    fn unterminated_strings_and_comments_stop_without_losing_text() {
        assert_eq!(
            marked("c", "x = \"open\ny = 1; /* never closed"),
            "x = [string:\"open]\ny = [constant:1]; [comment:/* never closed]"
        );
        assert_eq!(marked("c", "s = \"ends in \\"), "s = [string:\"ends in \\]");
        assert_eq!(
            marked("kotlin", "for (i in 1..10) {}"),
            "[keyword:for] (i [keyword:in] [constant:1]..[constant:10]) {}"
        );
        assert_eq!(
            marked("swift", "let é = \"ñ\" // ü"),
            "[keyword:let] é = [string:\"ñ\"] [comment:// ü]"
        );
    }

    #[test]
    fn any_text_comes_back_whole_in_every_language() {
        // Strings built from the characters that steer the scanner, mixed with multi-byte
        // ones, so a cut inside a character or a lost byte would show.
        let alphabet: Vec<char> = "ab_Z09.x+-eE\"'`/*#@$<>()[]{}RLu8\\\n \tñ€😀"
            .chars()
            .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20000 {
            let mut code = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                code.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for language in LANGUAGES {
                let mut whole = String::new();
                highlight(language, &code, |_, text| whole.push_str(text));
                assert_eq!(whole, code, "{:?}", language.names);
            }
        }
    }

    #[test]
    fn words_with_accents_stay_whole() {
        assert_eq!(
            marked("kotlin", "val días = número(Vacía)"),
            "[keyword:val] días = [entity:número]([support:Vacía])"
        );
        assert_eq!(
            marked("sql", "SELECT categorías"),
            "[keyword:SELECT] categorías"
        );
    }

    #[test]
    fn csharp_verbatim_strings_and_preprocessor_lines() {
        assert_eq!(
            marked(
                "cs",
                "#region Paths\nvar p = @\"C:\\temp\\\";\nvar q = $@\"a \"\"b\"\"\nc\";"
            ),
            "[keyword:#region] [support:Paths]\n[keyword:var] p = [string:@\"C:\\temp\\\"];\n\
             [keyword:var] q = [string:$@\"a \"\"b\"\"\nc\"];"
        );
    }

    #[test]
    fn cpp_raw_and_prefixed_strings_and_digit_separators() {
        assert_eq!(
            marked("cpp", "auto s = R\"sql(a \"b\"\n)\" c)sql\"; auto w = L\"x\"; int n = 1'000'000;"),
            "[keyword:auto] s = [string:R\"sql(a \"b\"\n)\" c)sql\"]; [keyword:auto] w = [string:L\"x\"]; \
             [support:int] n = [constant:1'000'000];"
        );
    }

    #[test]
    fn sql_names_in_quotes_and_mysql_escapes() {
        assert_eq!(
            marked("sql", "SELECT \"order\", `select` FROM t"),
            "[keyword:SELECT] \"order\", `select` [keyword:FROM] t"
        );
        assert_eq!(
            marked("mysql", "SELECT 'it\\'s' FROM t"),
            "[keyword:SELECT] [string:'it\\'s'] [keyword:FROM] t"
        );
        // In standard SQL a backslash is an ordinary character.
        assert_eq!(
            marked("sql", "SELECT 'a\\' FROM t"),
            "[keyword:SELECT] [string:'a\\'] [keyword:FROM] t"
        );
    }

    #[test]
    fn interpolations_may_hold_quotes() {
        assert_eq!(
            marked("kotlin", "println(\"${m[\"k\"]} ok\")"),
            "[entity:println]([string:\"${m[\"k\"]} ok\"])"
        );
        assert_eq!(
            marked("swift", "print(\"\\(d[\"k\"]) ok\")"),
            "[entity:print]([string:\"\\(d[\"k\"]) ok\"])"
        );
    }

    #[test]
    fn fences_are_matched_without_case() {
        assert!(language("C#").is_some());
        assert!(language("PostgreSQL").is_some());
        assert!(language("python").is_none());
    }
}
