#!/usr/bin/env python3
# The data in aula flows one way (ARCHITECTURE.md): no source file may reach itself through
# the files it names (crate:: and super:: paths). A folder's mod.rs declaring its own
# children is not a dependency. tests/run.sh runs this; it exits 1 on any cycle.
#   python3 tests/import_cycles.py [src]
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            files[p] = open(p).read()
def mod_path(p):
    rel = os.path.relpath(p, root)[:-3].split('/')
    if rel[-1] == 'mod' or rel == ['lib']: rel = rel[:-1]
    return rel
def resolve(parts):
    # longest prefix that is a file
    for n in range(len(parts), 0, -1):
        base = os.path.join(root, *parts[:n])
        for cand in (base + '.rs', os.path.join(base, 'mod.rs')):
            if cand in files: return cand
    return None
edges = {p: set() for p in files}
for p, text in files.items():
    text = re.sub(r'#\[cfg\(test\)\]\s*mod tests \{.*', '', text, flags=re.S)
    me = mod_path(p)
    for m in re.finditer(r'\b(crate|super)((?:::\w+)+)', text):
        parts = m.group(2).split('::')[1:]
        if m.group(1) == 'super':
            base = me[:-1] if not p.endswith('mod.rs') else me[:-1]
            base = me[:-1]
            parts = base + parts
        # expand use groups like crate::a::{b, c}
        t = resolve(parts)
        if t and t != p: edges[p].add(t)
    for m in re.finditer(r'\bcrate((?:::\w+)*)::\{([^}]*)\}', text):
        pre = m.group(1).split('::')[1:]
        for item in m.group(2).split(','):
            item = item.strip().split('::')[0].split(' ')[0]
            if item and item != 'self':
                t = resolve(pre + [item])
                if t and t != p: edges[p].add(t)
# a parent mod.rs naming its own children is declaration, not dependency
for p in list(edges):
    if p.endswith('mod.rs') or p.endswith('lib.rs'):
        d = os.path.dirname(p)
        edges[p] = {t for t in edges[p] if not (os.path.dirname(t) == d or os.path.dirname(os.path.dirname(t)) == d and t.endswith('mod.rs'))}
# Tarjan SCC
index = {}; low = {}; stack = []; on = set(); sccs = []; i = [0]
sys.setrecursionlimit(10000)
def strong(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index: strong(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = stack.pop(); on.discard(w); c.append(w)
            if w == v: break
        if len(c) > 1: sccs.append(c)
for v in edges:
    if v not in index: strong(v)
for c in sccs: print('cycle:', ' '.join(sorted(c)))
print(f'{len(files)} files, {sum(len(e) for e in edges.values())} imports between them, {len(sccs)} cycles')
sys.exit(1 if sccs else 0)
