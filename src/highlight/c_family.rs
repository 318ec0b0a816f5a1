//! A single-pass lexer for the C-like languages and SQL, which hl-lite does not cover: C, C++,
//! C#, Java, Go, Kotlin, Swift and SQL. They share their tokens (`//` and `/* */` comments,
//! quoted strings, numbers, identifiers), so one scanner reads them all from a table of each
//! language's words. Like hl-lite, it is lexical: the fidelity of highlight.js, not a parser.

use super::Class;

pub struct Language {
    /// Fence names, lower case.
    names: &'static [&'static str],
    line_comment: &'static str,
    keywords: &'static [&'static str],
    types: &'static [&'static str],
    constants: &'static [&'static str],
    /// SQL: keywords in any case, `'` the only string quote, no backslash escapes.
    sql: bool,
    /// Go: backquoted raw strings.
    raw_backquote: bool,
    /// Java, Kotlin, Swift, C#, C++: a capitalised identifier names a type.
    capitals_are_types: bool,
    /// C, C++: `#include` and the other preprocessor lines.
    preprocessor: bool,
}

const C_KEYWORDS: &[&str] = &[
    "auto", "break", "case", "const", "continue", "default", "do", "else", "enum", "extern", "for",
    "goto", "if", "inline", "register", "restrict", "return", "sizeof", "static", "struct",
    "switch", "typedef", "union", "volatile", "while",
];
const C_TYPES: &[&str] = &[
    "bool", "char", "double", "float", "int", "long", "short", "signed", "unsigned", "void",
    "size_t", "ssize_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
    "uint32_t", "uint64_t", "FILE",
];
const CPP_KEYWORDS: &[&str] = &[
    "auto",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constexpr",
    "continue",
    "decltype",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "explicit",
    "extern",
    "final",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "operator",
    "override",
    "private",
    "protected",
    "public",
    "return",
    "sizeof",
    "static",
    "static_cast",
    "dynamic_cast",
    "const_cast",
    "reinterpret_cast",
    "struct",
    "switch",
    "template",
    "this",
    "throw",
    "try",
    "typedef",
    "typename",
    "union",
    "using",
    "virtual",
    "volatile",
    "while",
    "co_await",
    "co_return",
    "co_yield",
    "concept",
    "requires",
];
const CPP_TYPES: &[&str] = &[
    "bool",
    "char",
    "double",
    "float",
    "int",
    "long",
    "short",
    "signed",
    "unsigned",
    "void",
    "size_t",
    "wchar_t",
    "string",
    "vector",
    "map",
    "set",
    "unique_ptr",
    "shared_ptr",
];
const CSHARP_KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "async",
    "await",
    "base",
    "break",
    "case",
    "catch",
    "checked",
    "class",
    "const",
    "continue",
    "default",
    "delegate",
    "do",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "finally",
    "fixed",
    "for",
    "foreach",
    "get",
    "goto",
    "if",
    "implicit",
    "in",
    "init",
    "interface",
    "internal",
    "is",
    "lock",
    "namespace",
    "new",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "record",
    "ref",
    "return",
    "sealed",
    "set",
    "sizeof",
    "stackalloc",
    "static",
    "struct",
    "switch",
    "this",
    "throw",
    "try",
    "typeof",
    "unchecked",
    "unsafe",
    "using",
    "var",
    "virtual",
    "volatile",
    "when",
    "where",
    "while",
    "yield",
];
const CSHARP_TYPES: &[&str] = &[
    "bool", "byte", "char", "decimal", "double", "dynamic", "float", "int", "long", "object",
    "sbyte", "short", "string", "uint", "ulong", "ushort", "void",
];
const JAVA_KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "break",
    "case",
    "catch",
    "class",
    "continue",
    "default",
    "do",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "for",
    "if",
    "implements",
    "import",
    "instanceof",
    "interface",
    "native",
    "new",
    "package",
    "permits",
    "private",
    "protected",
    "public",
    "record",
    "return",
    "sealed",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "var",
    "volatile",
    "while",
    "yield",
];
const JAVA_TYPES: &[&str] = &[
    "boolean", "byte", "char", "double", "float", "int", "long", "short", "void",
];
const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];
const GO_TYPES: &[&str] = &[
    "any",
    "bool",
    "byte",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
];
const KOTLIN_KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "break",
    "by",
    "catch",
    "class",
    "companion",
    "constructor",
    "continue",
    "data",
    "do",
    "else",
    "enum",
    "finally",
    "for",
    "fun",
    "get",
    "if",
    "import",
    "in",
    "init",
    "inline",
    "interface",
    "internal",
    "is",
    "lateinit",
    "object",
    "open",
    "override",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "sealed",
    "set",
    "super",
    "suspend",
    "this",
    "throw",
    "try",
    "typealias",
    "val",
    "var",
    "when",
    "where",
    "while",
];
const SWIFT_KEYWORDS: &[&str] = &[
    "as",
    "associatedtype",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "continue",
    "default",
    "defer",
    "deinit",
    "do",
    "else",
    "enum",
    "extension",
    "fileprivate",
    "for",
    "func",
    "guard",
    "if",
    "import",
    "in",
    "init",
    "inout",
    "internal",
    "is",
    "let",
    "open",
    "operator",
    "private",
    "protocol",
    "public",
    "repeat",
    "rethrows",
    "return",
    "self",
    "Self",
    "some",
    "static",
    "struct",
    "subscript",
    "super",
    "switch",
    "throw",
    "throws",
    "try",
    "typealias",
    "var",
    "where",
    "while",
];
const SQL_KEYWORDS: &[&str] = &[
    "add",
    "all",
    "alter",
    "and",
    "as",
    "asc",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "check",
    "column",
    "commit",
    "constraint",
    "create",
    "cross",
    "database",
    "default",
    "delete",
    "desc",
    "distinct",
    "drop",
    "else",
    "end",
    "except",
    "exists",
    "foreign",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "if",
    "in",
    "index",
    "inner",
    "insert",
    "intersect",
    "into",
    "is",
    "join",
    "key",
    "left",
    "like",
    "limit",
    "not",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "over",
    "partition",
    "primary",
    "references",
    "returning",
    "revoke",
    "right",
    "rollback",
    "schema",
    "select",
    "set",
    "table",
    "then",
    "transaction",
    "trigger",
    "truncate",
    "union",
    "unique",
    "update",
    "using",
    "values",
    "view",
    "when",
    "where",
    "with",
];
const SQL_TYPES: &[&str] = &[
    "bigint",
    "bigserial",
    "blob",
    "boolean",
    "char",
    "date",
    "decimal",
    "double",
    "float",
    "int",
    "integer",
    "interval",
    "json",
    "jsonb",
    "numeric",
    "real",
    "serial",
    "smallint",
    "text",
    "time",
    "timestamp",
    "timestamptz",
    "uuid",
    "varchar",
];
const NULLS: &[&str] = &["true", "false", "null", "NULL", "nullptr", "nil", "iota"];

const LANGUAGES: &[Language] = &[
    Language {
        names: &["c", "h"],
        line_comment: "//",
        keywords: C_KEYWORDS,
        types: C_TYPES,
        constants: NULLS,
        sql: false,
        raw_backquote: false,
        capitals_are_types: false,
        preprocessor: true,
    },
    Language {
        names: &["cpp", "c++", "cc", "cxx", "hpp", "hh"],
        line_comment: "//",
        keywords: CPP_KEYWORDS,
        types: CPP_TYPES,
        constants: NULLS,
        sql: false,
        raw_backquote: false,
        capitals_are_types: true,
        preprocessor: true,
    },
    Language {
        names: &["csharp", "cs", "c#"],
        line_comment: "//",
        keywords: CSHARP_KEYWORDS,
        types: CSHARP_TYPES,
        constants: NULLS,
        sql: false,
        raw_backquote: false,
        capitals_are_types: true,
        preprocessor: false,
    },
    Language {
        names: &["java"],
        line_comment: "//",
        keywords: JAVA_KEYWORDS,
        types: JAVA_TYPES,
        constants: NULLS,
        sql: false,
        raw_backquote: false,
        capitals_are_types: true,
        preprocessor: false,
    },
    Language {
        names: &["go", "golang"],
        line_comment: "//",
        keywords: GO_KEYWORDS,
        types: GO_TYPES,
        constants: NULLS,
        sql: false,
        raw_backquote: true,
        capitals_are_types: false,
        preprocessor: false,
    },
    Language {
        names: &["kotlin", "kt", "kts"],
        line_comment: "//",
        keywords: KOTLIN_KEYWORDS,
        types: &[],
        constants: NULLS,
        sql: false,
        raw_backquote: false,
        capitals_are_types: true,
        preprocessor: false,
    },
    Language {
        names: &["swift"],
        line_comment: "//",
        keywords: SWIFT_KEYWORDS,
        types: &[],
        constants: NULLS,
        sql: false,
        raw_backquote: false,
        capitals_are_types: true,
        preprocessor: false,
    },
    Language {
        names: &[
            "sql",
            "mysql",
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
        constants: NULLS,
        sql: true,
        raw_backquote: false,
        capitals_are_types: false,
        preprocessor: false,
    },
];

/// The language a fence names, if it is one of these.
pub fn language(fence: &str) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .find(|language| language.names.iter().any(|n| n.eq_ignore_ascii_case(fence)))
}

/// Feeds every token of `code` to `push`, in order: the pieces always add up to `code`.
/// Tokens start and end at ASCII bytes only, so every cut falls between characters.
pub fn highlight(language: &Language, code: &str, mut push: impl FnMut(Option<Class>, &str)) {
    let bytes = code.as_bytes();
    let mut i = 0;
    // Plain text is pushed in runs, not byte by byte.
    let mut plain_from = 0;
    let mut line_start = true;
    let mut include = false;
    while i < bytes.len() {
        let b = bytes[i];
        let (class, end) = if bytes[i..].starts_with(language.line_comment.as_bytes()) {
            (Some(Class::Comment), line_end(bytes, i))
        } else if bytes[i..].starts_with(b"/*") {
            let end = code[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |at| i + 2 + at + 2);
            (Some(Class::Comment), end)
        } else if b == b'\'' || (b == b'"' && !language.sql) {
            (Some(Class::String), string_end(language, bytes, i))
        } else if b == b'`' && language.raw_backquote {
            let end = code[i + 1..]
                .find('`')
                .map_or(bytes.len(), |at| i + 1 + at + 1);
            (Some(Class::String), end)
        } else if b == b'<' && include {
            let end = code[i..]
                .find('>')
                .filter(|&at| !code[i..i + at].contains('\n'));
            (
                end.map(|_| Class::String),
                end.map_or(i + 1, |at| i + at + 1),
            )
        } else if b.is_ascii_digit()
            || (b == b'.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(i.wrapping_sub(1)) != Some(&b'.'))
        {
            (Some(Class::Constant), number_end(bytes, i))
        } else if b == b'#' && line_start && language.preprocessor {
            let end = word_end(bytes, skip_blanks(bytes, i + 1));
            include = code[i..end].ends_with("include") || code[i..end].ends_with("import");
            (Some(Class::Keyword), end)
        } else if b == b'@' && bytes.get(i + 1).is_some_and(|&c| is_word_start(c)) {
            (Some(Class::Support), word_end(bytes, i + 1))
        } else if is_word_start(b) {
            let end = word_end(bytes, i);
            (
                word_class(language, &code[i..end], bytes.get(end) == Some(&b'(')),
                end,
            )
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
        && !word.bytes().any(|c| c.is_ascii_lowercase())
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

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
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

/// Where the string opening at `i` ends: after its closing quote, or at the end of the line
/// if it has none, so one stray quote does not colour the rest of the block. Triple-quoted
/// text blocks and SQL strings may span lines.
fn string_end(language: &Language, bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    if quote == b'"' && bytes[i..].starts_with(b"\"\"\"") {
        let end = bytes[i + 3..].windows(3).position(|w| w == b"\"\"\"");
        return end.map_or(bytes.len(), |at| i + 3 + at + 3);
    }
    let mut j = i + 1;
    while let Some(&c) = bytes.get(j) {
        if c == quote {
            return j + 1;
        }
        if c == b'\n' && !language.sql {
            return j;
        }
        // The escaped character is skipped whole, however many bytes it has.
        j += if c == b'\\' && !language.sql { 2 } else { 1 };
    }
    bytes.len()
}

/// `0x1F`, `1_000L`, `3.5e-2f`: digits, letters, `_` and `.`, and a sign after an exponent.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let hex = bytes[i..].starts_with(b"0x") || bytes[i..].starts_with(b"0X");
    while let Some(&c) = bytes.get(i) {
        let exponent_sign = (c == b'+' || c == b'-')
            && !hex
            && matches!(bytes.get(i.wrapping_sub(1)), Some(b'e' | b'E'));
        // `1..10` is a range, not a number.
        let dot = c == b'.' && bytes.get(i + 1) != Some(&b'.');
        if c.is_ascii_alphanumeric() || c == b'_' || dot || exponent_sign {
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
        let alphabet: Vec<char> = "ab_Z09.x+-eE\"'`/*#@<>\\\n \tñ€😀".chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
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
    fn fences_are_matched_without_case() {
        assert!(language("C#").is_some());
        assert!(language("PostgreSQL").is_some());
        assert!(language("python").is_none());
    }
}
