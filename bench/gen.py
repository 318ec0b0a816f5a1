#!/usr/bin/env python3
"""Synthetic course generator for the aula benchmark (issue #7).

Writes the same course four times, from the same Markdown bytes:

    OUT/aula/    site.toml, content/_index.md, content/NNN-module-NNN/{_index.md,
                 NNN-lesson-NNN.md, quiz.toml}
    OUT/hugo/    hugo.toml, layouts/_default/{baseof,single,list}.html, content/... (same tree,
                 quiz.toml replaced by quiz.md)
    OUT/zola/    config.toml, templates/{base,index,section,page}.html, content/... (Hugo's tree,
                 modules' front matter as Zola's sections take it)
    OUT/mdbook/  book.toml, src/SUMMARY.md, src/... (same tree, quiz.md, no front matter)

Every lesson body (the bytes after the front matter) is identical in the four trees; aula, Hugo
and Zola also share the lessons' TOML front matter (title, description, weight). mdBook gets the
body only, since it has no front matter. Each lesson (~3.5 KB) has an intro, four `##` sections
(one with an explicit `{#overview}` id), a 4-item list, a 4-row table, emphasis, inline code, a
link to another lesson by relative `.md` path plus `#overview`, and one fenced code block in one
of ten languages (so syntax highlighting runs). Each module has a 10-question quiz: quiz.toml
for aula, the same questions as a Markdown page for Hugo, Zola and mdBook.

Deterministic: the output depends only on --modules, --lessons and --seed.

    python3 bench/gen.py --modules 20 --lessons 50 --out bench/out/corpus-1k
"""

import argparse
import os
import random
import shutil

WORDS = """
able access account action active actual adapter address agent align allocate allow amount
analysis anchor answer api append apply archive argument array aspect assign async attempt
audit backend balance baseline batch behaviour benchmark binary block boundary branch buffer
build bundle cache capacity cascade catalog channel check client cluster code collect column
command commit compile component compute concept config connect consistent constraint consume
container context contract control convert core count coverage cursor cycle daemon dashboard
data decision default define delay deliver demand deploy design detail detect device digest
directory disk dispatch display domain draft driver durable edge effect element enable encode
endpoint engine entry environment error event evidence example execute expect export feature
field filter flag flow focus format frame function gateway general graph group guard handler
header health heap history host identity image impact import index input insight instance
interface interval issue item job journal kernel key label latency layer layout lease level
library limit link listener load local lock log lookup loop manager mapping marker measure
memory message method metric migrate mirror model module monitor mount network node notice
object offset operator option order origin output owner package page parallel parameter parser
partition patch path pattern payload peer pending period pipeline platform plugin policy pool
port practice predicate prefix priority probe process producer profile program project prompt
property protocol provider proxy publish query queue quota range rate reader record recover
reduce region registry release replica report request resolve resource response result retry
review role rollback route rule runtime sample scale schedule schema scope script section
segment selector sequence server service session setting shard signal snapshot socket source
span stable stage state status storage stream string structure subject summary supply support
switch symbol sync system table target task team template tenant test thread threshold ticket
timeout token topic trace traffic transfer tree trigger tuple update upstream usage user value
variable vector version view volume wait warning window worker workflow write zone
""".split()

ADJECTIVES = """
reliable fast careful simple robust small large shared local remote stable early late clear
precise common rare safe secure lean modern classic useful typical practical hidden visible
manual automatic gradual incremental complete partial
""".split()

LANGS = ["python", "rust", "javascript", "bash", "sql", "go", "java", "c", "yaml", "json"]


def sentence(rng, n_min=9, n_max=18):
    n = rng.randint(n_min, n_max)
    words = [rng.choice(WORDS) for _ in range(n)]
    # Occasional emphasis inside sentences.
    r = rng.random()
    if r < 0.12:
        i = rng.randrange(n)
        words[i] = f"*{words[i]}*"
    elif r < 0.20:
        i = rng.randrange(n)
        words[i] = f"**{words[i]}**"
    elif r < 0.26:
        i = rng.randrange(n)
        words[i] = f"`{words[i]}`"
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", ".", "?", ";"]).replace(";", ".")


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def title(rng, k=3):
    words = [rng.choice(ADJECTIVES)] + [rng.choice(WORDS) for _ in range(k - 1)]
    t = " ".join(words)
    return t[0].upper() + t[1:]


def ident(rng):
    return "_".join(rng.choice(WORDS) for _ in range(2))


def code_block(rng, lang):
    a, b, c = ident(rng), ident(rng), ident(rng)
    n = rng.randint(3, 99)
    if lang == "python":
        body = f'''def {a}({b}, limit={n}):
    """Return the {rng.choice(WORDS)} of every {rng.choice(WORDS)}."""
    result = []
    for item in {b}:
        if item.{c} > limit:
            result.append(item)
        elif item is None:
            continue
    return sorted(result, key=lambda x: x.{c})

print({a}([], limit={n * 2}))'''
    elif lang == "rust":
        body = f'''pub fn {a}({b}: &[u32], limit: u32) -> Vec<u32> {{
    let mut out = Vec::with_capacity({b}.len());
    for &{c} in {b} {{
        if {c} > limit {{
            out.push({c} * {n});
        }}
    }}
    out.sort_unstable();
    out
}}'''
    elif lang == "javascript":
        body = f'''export function {a}({b}, limit = {n}) {{
  const seen = new Map();
  for (const item of {b}) {{
    if (item.{c} > limit) {{
      seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
    }}
  }}
  return [...seen.entries()].sort((x, y) => y[1] - x[1]);
}}'''
    elif lang == "bash":
        body = f'''#!/usr/bin/env bash
set -euo pipefail
{a.upper()}="${{1:-{n}}}"
for f in /var/lib/{b}/*.log; do
  if grep -q "{c}" "$f"; then
    echo "found {c} in $f (limit ${a.upper()})"
  fi
done
exit 0'''
    elif lang == "sql":
        body = f'''SELECT {a}.id, COUNT(*) AS total, AVG({b}.{c}) AS mean
FROM {a}
JOIN {b} ON {b}.{a}_id = {a}.id
WHERE {b}.{c} > {n}
  AND {a}.created_at >= '2024-01-01'
GROUP BY {a}.id
HAVING COUNT(*) > 1
ORDER BY total DESC
LIMIT 20;'''
    elif lang == "go":
        body = f'''func {a.title().replace("_", "")}({b} []int, limit int) []int {{
	out := make([]int, 0, len({b}))
	for _, {c} := range {b} {{
		if {c} > limit {{
			out = append(out, {c}*{n})
		}}
	}}
	sort.Ints(out)
	return out
}}'''
    elif lang == "java":
        body = f'''public static List<Integer> {a}(List<Integer> {b}, int limit) {{
    List<Integer> out = new ArrayList<>();
    for (int {c} : {b}) {{
        if ({c} > limit) {{
            out.add({c} * {n});
        }}
    }}
    Collections.sort(out);
    return out;
}}'''
    elif lang == "c":
        body = f'''size_t {a}(const int *{b}, size_t len, int limit, int *out) {{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {{
        if ({b}[i] > limit) {{
            out[k++] = {b}[i] * {n};
        }}
    }}
    return k; /* {c} */
}}'''
    elif lang == "yaml":
        body = f'''{a}:
  enabled: true
  limit: {n}
  {b}:
    - name: {c}
      retries: {n % 7}
    - name: {ident(rng)}
      retries: {n % 5}
  timeout: "{n}s"'''
    else:  # json
        body = f'''{{
  "{a}": {{
    "enabled": true,
    "limit": {n},
    "{b}": ["{c}", "{ident(rng)}"],
    "timeout_ms": {n * 100}
  }}
}}'''
    return f"```{lang}\n{body}\n```"


def module_dir(m):
    return f"{m:03d}-module-{m:03d}"


def lesson_file(l):
    return f"{l:03d}-lesson-{l:03d}.md"


def lesson_body(rng, m, l, n_modules, n_lessons):
    # A link to another lesson, anywhere in the course, always written as ../module/lesson.md.
    tm, tl = rng.randint(1, n_modules), rng.randint(1, n_lessons)
    if (tm, tl) == (m, l):
        tl = tl % n_lessons + 1
    link = f"../{module_dir(tm)}/{lesson_file(tl)}#overview"
    rows = "\n".join(
        f"| {rng.choice(WORDS)} | {sentence(rng, 4, 7)} | `{ident(rng)}` |" for _ in range(4)
    )
    items = "\n".join(f"- {sentence(rng, 5, 10)}" for _ in range(4))
    lang = LANGS[(m * 7 + l) % len(LANGS)]
    parts = [
        paragraph(rng, 5),
        "## Overview {#overview}",
        paragraph(rng, 4)
        + f" Before going on, review [{title(rng, 2).lower()}]({link}), which the exercises use.",
        items,
        f"## {title(rng, 2)}",
        paragraph(rng, 4),
        "| Term | What it means | Example |\n|------|---------------|---------|\n" + rows,
        f"## {title(rng, 3)}",
        paragraph(rng, 3),
        code_block(rng, lang),
        paragraph(rng, 2),
        "## Summary",
        paragraph(rng, 4) + " *" + sentence(rng, 5, 8) + "*",
    ]
    return "\n\n".join(parts) + "\n"


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(title_, description, weight, extra=""):
    return (
        f"+++\ntitle = {toml_str(title_)}\ndescription = {toml_str(description)}\n"
        f"weight = {weight}\n{extra}+++\n\n"
    )


def quiz(rng, m, n_lessons):
    """Ten questions: (kind, prompt, explanation, options[(text, correct, feedback)], answer)."""
    qs = []
    kinds = ["single"] * 6 + ["multiple"] * 2 + ["true_false"] * 2
    rng.shuffle(kinds)
    for i, kind in enumerate(kinds, 1):
        tl = rng.randint(1, n_lessons)
        explanation = sentence(rng) + f" [Review the lesson]({lesson_file(tl)}#overview)"
        prompt = sentence(rng, 8, 14).rstrip(".") + "?"
        options, answer = [], None
        if kind == "true_false":
            answer = rng.random() < 0.5
        else:
            n = rng.randint(3, 4)
            correct = {rng.randrange(n)}
            if kind == "multiple":
                correct.add(rng.randrange(n))
                correct.add(rng.randrange(n))
            seen = set()
            for k in range(n):
                text = sentence(rng, 3, 8).rstrip(".")
                while text in seen:
                    text = sentence(rng, 3, 8).rstrip(".")
                seen.add(text)
                fb = None if k in correct else "No: " + sentence(rng, 6, 12)
                options.append((text, k in correct, fb))
        qs.append((f"q{i:02d}", kind, prompt, explanation, options, answer))
    return qs


def quiz_toml(title_, qs):
    out = [
        f"title = {toml_str(title_)}",
        f"description = {toml_str('Ten questions on this module. You need 80 % to pass.')}",
        "pass = 80",
        'mode = "submit"',
        "shuffle = true",
        "attempts = 0",
        "",
    ]
    for qid, kind, prompt, explanation, options, answer in qs:
        out += [
            "[[questions]]",
            f'id = "{qid}"',
            f'type = "{kind}"',
            f"prompt = {toml_str(prompt)}",
            f"explanation = {toml_str(explanation)}",
        ]
        if kind == "true_false":
            out.append(f"answer = {'true' if answer else 'false'}")
        if kind == "multiple":
            out.append('scoring = "partial"')
        out.append("")
        for text, correct, fb in options:
            out.append("[[questions.options]]")
            out.append(f"text = {toml_str(text)}")
            if correct:
                out.append("correct = true")
            if fb:
                out.append(f"feedback = {toml_str(fb)}")
            out.append("")
    return "\n".join(out)


def quiz_md(qs):
    out = ["Ten questions on this module. You need 80 % to pass.", ""]
    for n, (qid, kind, prompt, explanation, options, answer) in enumerate(qs, 1):
        out.append(f"## {n}. {prompt}")
        out.append("")
        if kind == "true_false":
            out += ["- [ ] True", "- [ ] False"]
        else:
            if kind == "multiple":
                out += ["*Select all that apply.*", ""]
            out += [f"- [ ] {text}" for text, _, _ in options]
        out += ["", f"> {explanation}", ""]
    return "\n".join(out)


HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Synthetic course"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.highlight]
  noClasses = false
[markup.goldmark.parser.attribute]
  title = true
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
{{ block "main" . }}{{ end }}
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
"""

# Zola: no theme, highlighting with CSS classes as aula's and Hugo's, and the outputs Hugo has
# turned off (sitemap, robots.txt; feeds and the search index are off by default) off too. Zola
# always writes a 404.html, and giallo.css for the class style.
ZOLA_CONFIG = """base_url = "https://example.org/"
title = "Synthetic course"
default_language = "en"
generate_sitemap = false
generate_robots_txt = false

[markdown.highlighting]
style = "class"
theme = "github-light"
"""

ZOLA_BASE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head>
<body>
{% block main %}{% endblock %}
</body>
</html>
"""

# Every page lists the pages of its module, as aula's sidebar and mdBook's do. A Zola page
# reaches its section's pages only through get_section (as Zola's book theme does), which
# serializes every page of the section, content included, for each page: 4-5 s instead of 1.1 s
# for the 1k corpus, a cost of the template rather than of Zola. So the module's [extra] lists its
# pages (written by generate()) and the page asks only for the section's metadata.
ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock %}
{% block main %}{% set module = get_section(path=page.ancestors | last, metadata_only=true) %}<nav><a href="{{ module.permalink | safe }}">{{ module.title }}</a>
<ul>{% for p in module.extra.pages %}<li><a href="{{ module.permalink | safe }}{{ p[1] }}/">{{ p[0] }}</a></li>{% endfor %}</ul></nav>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
{% endblock %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock %}
{% block main %}<nav><ul>{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}</ul></nav>
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% endblock %}
"""

ZOLA_INDEX = """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock %}
{% block main %}<nav><ul>{% for s in section.subsections %}{% set module = get_section(path=s, metadata_only=true) %}<li><a href="{{ module.permalink | safe }}">{{ module.title }}</a></li>{% endfor %}</ul></nav>
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% endblock %}
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(out, n_modules, n_lessons, seed):
    rng = random.Random(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    aula, hugo, zola, book = (os.path.join(out, x) for x in ("aula", "hugo", "zola", "mdbook"))
    course_title = "Synthetic course"
    write(
        os.path.join(aula, "site.toml"),
        f'title = "{course_title}"\ndescription = "A generated course for benchmarks."\n'
        'language = "en"\n',
    )
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
    write(os.path.join(hugo, "layouts/_default/baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts/_default/single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts/_default/list.html"), HUGO_SINGLE)
    write(os.path.join(zola, "config.toml"), ZOLA_CONFIG)
    for name, text in (("base", ZOLA_BASE), ("index", ZOLA_INDEX), ("section", ZOLA_SECTION), ("page", ZOLA_PAGE)):
        write(os.path.join(zola, "templates", name + ".html"), text)
    write(
        os.path.join(book, "book.toml"),
        f'[book]\ntitle = "{course_title}"\nsrc = "src"\nlanguage = "en"\n',
    )

    home_body = paragraph(rng, 5) + "\n"
    write(os.path.join(aula, "content/_index.md"), front_matter(course_title, "Home.", 0) + home_body)
    write(os.path.join(hugo, "content/_index.md"), front_matter(course_title, "Home.", 0) + home_body)
    write(os.path.join(zola, "content/_index.md"), front_matter(course_title, "Home.", 0) + home_body)
    write(os.path.join(book, "src/_index.md"), home_body)
    summary = ["# Summary", "", f"[{course_title}](_index.md)", ""]
    total = 0
    for m in range(1, n_modules + 1):
        mdir = module_dir(m)
        mtitle = f"Module {m}: {title(rng)}"
        mbody = paragraph(rng, 4) + "\n"
        mdesc, objectives = sentence(rng), f"objectives = [{toml_str(sentence(rng))}]\n"
        mfm = front_matter(mtitle, mdesc, m, objectives)
        for root in (aula, hugo):
            write(os.path.join(root, "content", mdir, "_index.md"), mfm + mbody)
        write(os.path.join(book, "src", mdir, "_index.md"), mbody)
        summary.append(f"- [{mtitle}]({mdir}/_index.md)")
        zola_nav = []  # (title, slug) of the module's pages, for Zola's page template
        for l in range(1, n_lessons + 1):
            ltitle = f"Lesson {l}: {title(rng)}"
            body = lesson_body(rng, m, l, n_modules, n_lessons)
            fm = front_matter(ltitle, sentence(rng), l)
            for root in (aula, hugo, zola):
                write(os.path.join(root, "content", mdir, lesson_file(l)), fm + body)
            write(os.path.join(book, "src", mdir, lesson_file(l)), body)
            summary.append(f"  - [{ltitle}]({mdir}/{lesson_file(l)})")
            zola_nav.append((ltitle, lesson_file(l)[: -len(".md")]))
            total += 1
        qtitle = f"Quiz: module {m}"
        qs = quiz(rng, m, n_lessons)
        write(os.path.join(aula, "content", mdir, "quiz.toml"), quiz_toml(qtitle, qs))
        qmd = quiz_md(qs)
        for root in (hugo, zola):
            write(
                os.path.join(root, "content", mdir, "quiz.md"),
                front_matter(qtitle, "Module quiz.", n_lessons + 1) + qmd,
            )
        write(os.path.join(book, "src", mdir, "quiz.md"), qmd)
        summary.append(f"  - [{qtitle}]({mdir}/quiz.md)")
        zola_nav.append((qtitle, "quiz"))
        # Zola refuses unknown keys in a section's front matter: objectives go under [extra].
        # Its pages are sorted by date unless the section says otherwise.
        pages = ", ".join(f"[{toml_str(t)}, {toml_str(slug)}]" for t, slug in zola_nav)
        zfm = front_matter(mtitle, mdesc, m, f'sort_by = "weight"\n\n[extra]\n{objectives}pages = [{pages}]\n')
        write(os.path.join(zola, "content", mdir, "_index.md"), zfm + mbody)
    write(os.path.join(book, "src/SUMMARY.md"), "\n".join(summary) + "\n")
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--modules", type=int, required=True)
    p.add_argument("--lessons", type=int, required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    n = generate(a.out, a.modules, a.lessons, a.seed)
    print(f"generated {n} lessons in {a.modules} modules into {a.out}/{{aula,hugo,zola,mdbook}}")


if __name__ == "__main__":
    main()
