// The gm explorer page: a CodeMirror 6 editor for the program, read-only
// CodeMirror views for the IR and assembly panes, linked line by line through
// the "lines" arrays that /api/compile returns (pane line -> source line).
// Bundled by esbuild into the gmc binary (compiler/lib/Explore/CMakeLists.txt).

import {
  Decoration,
  EditorView,
  WidgetType,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import {
  bracketMatching,
  defaultHighlightStyle,
  syntaxHighlighting,
} from "@codemirror/language";
import { go } from "@codemirror/lang-go";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

const RECOMPILE_DELAY_MS = 350;

// A decoration set that is replaced wholesale by one effect.
function decorationLayer() {
  const set = StateEffect.define();
  const field = StateField.define({
    create: () => Decoration.none,
    update(decos, tr) {
      decos = decos.map(tr.changes);
      for (const e of tr.effects) if (e.is(set)) decos = e.value;
      return decos;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return { set, field };
}

const linkedLine = Decoration.line({ class: "gm-linked" });
const changedLine = Decoration.line({ class: "gm-changed" });

// Line decorations for 1-based line numbers of a document.
function lineDecorations(doc, numbers, deco) {
  const sorted = [...new Set(numbers)]
    .filter((n) => n >= 1 && n <= doc.lines)
    .sort((a, b) => a - b);
  return Decoration.set(sorted.map((n) => deco.range(doc.line(n).from)));
}

class BadgeWidget extends WidgetType {
  constructor(badges) {
    super();
    this.badges = badges;
  }
  eq(other) {
    return JSON.stringify(other.badges) === JSON.stringify(this.badges);
  }
  // A click on a badge selects its line, as a click on the text does.
  ignoreEvent() {
    return false;
  }
  toDOM() {
    const box = document.createElement("span");
    for (const b of this.badges) {
      const s = document.createElement("span");
      const entry = b.entry.replace(/^runtime\./, "");
      s.className = "gm-badge " + (b.inlined ? "gm-badge-inlined" : "gm-badge-call");
      s.textContent = b.inlined ? `${entry} · inlined` : `${entry} · call`;
      s.title = b.inlined
        ? `${b.entry}: fast path inlined by gm-map-inline`
        : `${b.entry}: not inlined: ${b.reason}`;
      s.dataset.entry = b.entry;
      box.appendChild(s);
    }
    return box;
  }
}

const sourceLinks = decorationLayer();
const sourceBadges = decorationLayer();
const paneLinks = decorationLayer();
const paneChanges = decorationLayer();

// The panes other than the source: id -> {view, lines, reverse}.
const panes = {};
const paneIds = ["ir0", "irinline", "iropt", "asm"];

let source; // the source EditorView
let currentLine = 0; // highlighted
let selectedLine = 0; // holding the cursor

function highlight(line, scroll) {
  currentLine = line;
  source.dispatch({
    effects: sourceLinks.set.of(
      lineDecorations(source.state.doc, line ? [line] : [], linkedLine)),
  });
  for (const id of paneIds) {
    const p = panes[id];
    const hits = (line && p.reverse.get(line)) || [];
    const effects = [
      paneLinks.set.of(lineDecorations(p.view.state.doc, hits, linkedLine)),
    ];
    if (scroll && hits.length)
      effects.push(
        EditorView.scrollIntoView(p.view.state.doc.line(hits[0]).from, {
          y: "center",
        }));
    p.view.dispatch({ effects });
  }
}

function makePane(id) {
  const p = { lines: [], reverse: new Map(), view: null };
  p.view = new EditorView({
    parent: document.getElementById(id),
    state: paneState(""),
  });
  p.view.dom.addEventListener("mousemove", (e) => {
    const pos = p.view.posAtCoords({ x: e.clientX, y: e.clientY });
    if (pos == null) return;
    const n = p.view.state.doc.lineAt(pos).number;
    const line = p.lines[n - 1] || 0;
    if (line && line !== currentLine) highlight(line, false);
  });
  panes[id] = p;
}

function paneState(text) {
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      paneLinks.field,
      paneChanges.field,
    ],
  });
}

function setPane(id, data, placeholder) {
  const p = panes[id];
  p.lines = data ? data.lines : [];
  p.reverse = new Map();
  p.lines.forEach((src, i) => {
    if (!src) return;
    if (!p.reverse.has(src)) p.reverse.set(src, []);
    p.reverse.get(src).push(i + 1);
  });
  p.view.setState(paneState(data ? data.text : placeholder));
  if (data && data.changed)
    p.view.dispatch({
      effects: paneChanges.set.of(lineDecorations(
        p.view.state.doc, data.changed.map((i) => i + 1), changedLine)),
    });
}

function options() {
  return {
    source: source.state.doc.toString(),
    opt: Number(document.getElementById("opt").value),
    inline: document.getElementById("inline").checked,
    cpu: document.getElementById("cpu").value,
    map_runtime: document.getElementById("mapruntime").value,
    debug_metadata: document.getElementById("dbgmeta").checked,
  };
}

function setStatus(text, error) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.className = error ? "error" : "";
}

async function post(path, body) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return res.json();
}

function showDiagnostics(list) {
  const doc = source.state.doc;
  const diags = list.map((d) => {
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(d.col - 1, 0), line.to);
    return {
      from,
      to: Math.min(Math.max(from + 1, line.to), doc.length),
      severity: d.severity === "error" ? "error" : "warning",
      message: d.message,
    };
  });
  source.dispatch(setDiagnostics(source.state, diags));
}

function showBadges(badges) {
  const doc = source.state.doc;
  const byLine = new Map();
  for (const b of badges || []) {
    if (b.line < 1 || b.line > doc.lines) continue;
    if (!byLine.has(b.line)) byLine.set(b.line, []);
    byLine.get(b.line).push(b);
  }
  const ranges = [...byLine.keys()].sort((a, b) => a - b).map((n) =>
    Decoration.widget({ widget: new BadgeWidget(byLine.get(n)), side: 1 })
      .range(doc.line(n).to));
  source.dispatch({ effects: sourceBadges.set.of(Decoration.set(ranges)) });
}

function showRemarks(remarks, truncated) {
  const box = document.getElementById("remarks");
  box.textContent = "";
  const sorted = [...(remarks || [])].sort((a, b) => a.line - b.line || a.col - b.col);
  for (const r of sorted) {
    const div = document.createElement("div");
    div.className = r.kind;
    div.textContent = `${r.line}:${r.col} ${r.kind} [${r.pass}] ${r.message}`;
    div.addEventListener("click", () => selectSourceLine(r.line));
    box.appendChild(div);
  }
  if (truncated) box.appendChild(document.createTextNode("… (more remarks dropped)"));
  if (!sorted.length) box.textContent = "no remarks for this program";
}

function selectSourceLine(n) {
  const doc = source.state.doc;
  if (n < 1 || n > doc.lines) return;
  source.dispatch({
    selection: { anchor: doc.line(n).from },
    effects: EditorView.scrollIntoView(doc.line(n).from, { y: "center" }),
  });
  source.focus();
}

let compileSeq = 0;
let compiledCount = 0;
let inFlight = false;
let pending = false;

async function compile() {
  if (inFlight) {
    pending = true;
    return;
  }
  inFlight = true;
  const seq = ++compileSeq;
  setStatus("compiling…");
  const started = performance.now();
  try {
    const r = await post("/api/compile", options());
    if (seq === compileSeq) render(r, performance.now() - started);
  } catch (e) {
    setStatus("compile request failed: " + e, true);
  } finally {
    inFlight = false;
    if (pending) {
      pending = false;
      compile();
    }
  }
}

function render(r, ms) {
  showDiagnostics(r.diagnostics || []);
  if (!r.ok) {
    const n = (r.diagnostics || []).length;
    setStatus(r.internal_error || r.error || `${n} error${n === 1 ? "" : "s"}`, true);
    showBadges([]);
  } else {
    setPane("ir0", r.ir_O0);
    const inlineOn = document.getElementById("inline").checked;
    setPane("irinline", r.ir_after_inline,
      inlineOn ? "; gm-map-inline did not run" : "; map inlining is off");
    setPane("iropt", r.ir_optimized);
    setPane("asm", r.asm, "; no assembly");
    showRemarks(r.remarks, r.remarks_truncated);
    showBadges(r.map_badges);
    const n = (r.map_badges || []).filter((b) => b.inlined).length;
    setStatus(`compiled in ${Math.round(ms)} ms · ${n} map operation${n === 1 ? "" : "s"} inlined`);
    if (currentLine) highlight(currentLine, false);
  }
  document.body.dataset.compiles = String(++compiledCount);
}

let timer = 0;
function scheduleCompile() {
  clearTimeout(timer);
  timer = setTimeout(compile, RECOMPILE_DELAY_MS);
}

function showTab(name) {
  for (const t of ["remarks", "output"]) {
    document.getElementById(t).hidden = t !== name;
    document.getElementById("tab-" + t).classList.toggle("active", t === name);
  }
}

async function run() {
  showTab("output");
  const out = document.getElementById("output");
  out.textContent = "building and running…";
  const r = await post("/api/run", options());
  out.textContent = r.output || "";
  const tail = document.createElement("div");
  tail.className = "exit";
  if (r.stage === "build") {
    tail.textContent = "build failed";
  } else if (r.ok) {
    const mib = (r.max_rss_kib / 1024).toFixed(1);
    tail.textContent = r.timed_out
      ? `killed: over the ${r.limits.wall_seconds} s limit`
      : `exit status ${r.exit_code} · ${Math.round(r.wall_ms)} ms · ${mib} MiB` +
        (r.output_truncated ? " · output truncated" : "");
  } else {
    tail.textContent = r.error || "run failed";
  }
  out.appendChild(tail);
  document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
}

// `gmc explore --export report.html` writes the page with its compile result
// in it: no server, so nothing recompiles and nothing runs.
const exported = window.gmExploreExport;

async function start() {
  const init = exported
    ? exported.initial
    : await (await fetch("/api/initial")).json();
  document.getElementById("file-name").textContent = init.file_name;
  for (const [id, values] of [["cpu", init.cpus], ["mapruntime", init.map_runtimes]])
    for (const v of values) {
      const o = document.createElement("option");
      o.value = o.textContent = v;
      document.getElementById(id).appendChild(o);
    }
  source = new EditorView({
    parent: document.getElementById("source"),
    state: EditorState.create({
      doc: init.source,
      extensions: [
        lineNumbers(),
        // Badges sit at the end of lines: wrap rather than scroll sideways.
        EditorView.lineWrapping,
        history(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle),
        go(),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        sourceLinks.field,
        sourceBadges.field,
        EditorState.readOnly.of(Boolean(exported)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !exported) scheduleCompile();
          // Moving the cursor to another line scrolls the panes to it
          // (hovering only highlights).
          if (u.selectionSet) {
            const n = u.state.doc.lineAt(u.state.selection.main.head).number;
            if (n !== selectedLine) {
              selectedLine = n;
              highlight(n, true);
            }
          }
        }),
        EditorView.domEventHandlers({
          mousemove(e, view) {
            const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
            if (pos == null) return;
            const n = view.state.doc.lineAt(pos).number;
            if (n !== currentLine) highlight(n, false);
          },
        }),
      ],
    }),
  });
  for (const id of paneIds) makePane(id);
  if (exported) {
    const o = exported.options;
    document.getElementById("opt").value = String(o.opt);
    document.getElementById("inline").checked = o.inline;
    document.getElementById("cpu").value = o.cpu;
    document.getElementById("mapruntime").value = o.map_runtime;
    document.getElementById("dbgmeta").checked = o.debug_metadata;
    for (const id of ["opt", "inline", "cpu", "mapruntime", "dbgmeta", "run"])
      document.getElementById(id).disabled = true;
    render(exported.result, 0);
    setStatus(`exported by ${init.version}: ${init.file_name}, -O${o.opt}` +
      `${o.inline ? "" : " -fno-map-inline"} -mcpu=${o.cpu} -fmap-runtime=${o.map_runtime}`);
    return;
  }
  for (const id of ["opt", "inline", "cpu", "mapruntime", "dbgmeta"])
    document.getElementById(id).addEventListener("change", compile);
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("tab-remarks").addEventListener("click", () => showTab("remarks"));
  document.getElementById("tab-output").addEventListener("click", () => showTab("output"));
  compile();
}

start();
