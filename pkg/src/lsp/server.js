// The language server (`keymgmt-lint-language-server --stdio`): the CLI's linting of a module
// directory, fed with the editor's open documents, its diagnostics published per file, its fixes
// offered as code actions, and the resource schemas as hover and completion.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as api from '../index.js';
import { createSchemaHelp } from './schema-help.js';
import { createPositions, negotiate } from './positions.js';
import { createModuleLinter } from './module-linter.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { editsByFile } from '../cli/fix.js';

const SOURCE = 'keymgmt-lint';
const FIX_ALL = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
const KINDS = { class: CompletionItemKind.Class, property: CompletionItemKind.Property, enum: CompletionItemKind.EnumMember };
/** The files whose change on disk changes what a module's lint says. */
const WATCHED = ['**/.keymgmt-lint.json', '**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/*.tfvars.json'];

export function startServer(connection = createConnection(ProposedFeatures.all)) {
  const documents = new TextDocuments(TextDocument);
  const schemaHelp = createSchemaHelp(api.schemas());
  const linter = createModuleLinter(api);
  let encoding = 'utf-16';
  let canWatch = false;
  let canConfigure = false;
  // Per module directory, the diagnostics last published for each of its files: what code actions
  // read, and what a later lint clears.
  const published = new Map();
  // Per module directory, the core's diagnostics of its files as last linted, for "fix all".
  const linted = new Map();
  // Directories waiting for a lint. Edits that arrive while one runs are linted together after it:
  // the latest text, once, with no delay added to the first.
  const pending = new Set();
  let scheduled = false;

  connection.onInitialize(({ capabilities, initializationOptions }) => {
    encoding = negotiate(capabilities.general?.positionEncodings);
    canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canConfigure = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    linter.configure(initializationOptions);
    return {
      capabilities: {
        positionEncoding: encoding,
        // Whole texts: the core lints a file whole anyway, and no edit is misapplied whatever the
        // encoding.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"'] },
      },
      serverInfo: { name: 'keymgmt-lint-language-server', version: api.version() },
    };
  });

  connection.onInitialized(() => {
    if (canWatch) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
    }
    if (canConfigure) connection.client.register(DidChangeConfigurationNotification.type, undefined);
  });

  connection.onDidChangeConfiguration(({ settings }) => {
    linter.configure(settings?.keymgmtLint);
    lintOpenModules();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (changes.some(({ uri }) => uri.endsWith('.keymgmt-lint.json'))) {
      linter.forgetConfigs();
      lintOpenModules();
    } else {
      for (const { uri } of changes) schedule(path.dirname(fileURLToPath(uri)));
    }
  });

  // Only files have a module directory: an unsaved buffer (`untitled:`) is not linted.
  const onFile = (handler) => ({ document }) => document.uri.startsWith('file:') && handler(document);
  documents.onDidOpen(onFile((document) => schedule(dirOf(document))));
  documents.onDidChangeContent(onFile((document) => schedule(dirOf(document))));
  documents.onDidSave(onFile((document) => schedule(dirOf(document))));
  // A closed file's problems are those of the file on disk now.
  documents.onDidClose(onFile((document) => schedule(dirOf(document))));

  connection.onCodeAction(({ textDocument, range, context }) => {
    const document = documents.get(textDocument.uri);
    const diagnostics = fileDiagnostics(textDocument.uri);
    if (!document || diagnostics.length === 0) return [];
    const wants = (kind) => !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
    const actions = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of diagnostics.filter((d) => overlaps(d.range, range))) {
        for (const fix of diagnostic.data?.fixes ?? []) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.safety === 'safe',
            edit: { changes: { [textDocument.uri]: fix.edits } },
          });
        }
      }
    }
    // The safe fixes --fix would make in one pass, chosen by the same code.
    const file = fileURLToPath(textDocument.uri);
    const safe = editsByFile(linted.get(path.dirname(file)) ?? [], { unsafe: false }).get(file) ?? [];
    if (wants(FIX_ALL) && safe.length > 0) {
      const positions = positionsFor(file, new Map([[file, document]]));
      actions.push({
        title: 'Fix all safe keymgmt-lint problems',
        kind: FIX_ALL,
        edit: { changes: { [textDocument.uri]: safe.map((edit) => ({ range: positions.range(edit.range), newText: edit.text })) } },
      });
    }
    return actions;
  });

  connection.onHover(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const at = offsetOf(document, position);
    const found = schemaHelp.hover(document.getText(), at);
    if (!found) return null;
    return { contents: { kind: 'markdown', value: found.markdown } };
  });

  connection.onCompletion(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    return schemaHelp
      .completions(document.getText(), offsetOf(document, position))
      .map(({ kind, documentation, ...item }) => ({ ...item, kind: KINDS[kind], ...(documentation && { documentation: { kind: 'markdown', value: documentation } }) }));
  });

  function schedule(dir) {
    pending.add(dir);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const dirs = [...pending];
      pending.clear();
      for (const dir_ of dirs) {
        try {
          lintAndPublish(dir_);
        } catch (error) {
          // A bug here must not end the server: the editor keeps it for the rest of the session.
          connection.console.error(`keymgmt-lint: ${error.stack ?? error}`);
        }
      }
    });
  }

  function lintOpenModules() {
    for (const document of documents.all()) if (document.uri.startsWith('file:')) schedule(dirOf(document));
  }

  function lintAndPublish(dir) {
    const open = new Map(
      documents
        .all()
        .filter((document) => document.uri.startsWith('file:'))
        .map((document) => [fileURLToPath(document.uri), document]),
    );
    const { diagnostics, failure } = linter.lint(dir, open);
    // Each file's lines are split once per lint, however many diagnostics it has.
    const byFile = new Map();
    const positionsOf = (file) => {
      if (!byFile.has(file)) byFile.set(file, positionsFor(file, open));
      return byFile.get(file);
    };
    // An open file of the module is published even when clean: the client then knows it was checked.
    const byUri = new Map([...open.keys()].filter((file) => path.dirname(file) === dir).map((file) => [pathToFileURL(file).href, []]));
    for (const diagnostic of diagnostics) {
      // A module's report also covers the modules it calls, as they behave under its values;
      // each directory is published by its own lint, so that a file has one set of problems.
      if (path.dirname(diagnostic.file) !== dir) continue;
      const uri = pathToFileURL(diagnostic.file).href;
      if (!byUri.has(uri)) byUri.set(uri, []);
      byUri.get(uri).push(toLsp(diagnostic, positionsOf));
    }
    if (failure) {
      for (const [file] of open) {
        if (path.dirname(file) !== dir) continue;
        const uri = pathToFileURL(file).href;
        byUri.set(uri, [failureDiagnostic(failure), ...(byUri.get(uri) ?? [])]);
      }
    }
    const before = published.get(dir) ?? new Map();
    for (const uri of before.keys()) if (!byUri.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, list] of byUri) connection.sendDiagnostics({ uri, diagnostics: list });
    published.set(dir, new Map([...byUri].filter(([, list]) => list.length > 0)));
    linted.set(dir, diagnostics.filter((diagnostic) => path.dirname(diagnostic.file) === dir));
  }

  function fileDiagnostics(uri) {
    return uri.startsWith('file:') ? (published.get(dirOf({ uri }))?.get(uri) ?? []) : [];
  }

  function toLsp(diagnostic, positionsOf) {
    const positions = positionsOf(diagnostic.file);
    const fixes = diagnostic.fixes?.map((fix) => ({
      title: fix.title,
      safety: fix.safety,
      edits: fix.edits.map((edit) => ({ range: positions.range(edit.range), newText: edit.text })),
    }));
    return {
      range: positions.range(diagnostic.range),
      severity: SEVERITY[diagnostic.severity],
      code: diagnostic.rule,
      codeDescription: { href: ruleDocs(diagnostic.rule) },
      source: SOURCE,
      message: diagnostic.help ? `${diagnostic.message}\n${diagnostic.help}` : diagnostic.message,
      relatedInformation: diagnostic.related.map((related) => ({
        location: { uri: pathToFileURL(related.file).href, range: positionsOf(related.file).range(related.range) },
        message: related.message,
      })),
      ...(fixes?.length && { data: { fixes } }),
    };
  }

  function positionsFor(file, open) {
    const document = open.get(file);
    const text = document ? document.getText() : (linter.textOf(file) ?? '');
    let lines;
    return createPositions(encoding, (line) => (lines ??= text.split(/\r?\n/))[line] ?? '');
  }

  function offsetOf(document, position) {
    const lines = document.getText().split(/\r?\n/);
    const column = createPositions(encoding, (line) => lines[line] ?? '').fromLsp(position);
    return document.offsetAt({ line: position.line, character: column });
  }

  documents.listen(connection);
  connection.listen();
  return connection;
}

function dirOf(document) {
  return path.dirname(fileURLToPath(document.uri));
}

function ruleDocs(rule) {
  return new URL(`docs/rules/${rule}.md`, PACKAGE_ROOT).href;
}

function failureDiagnostic(message) {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message,
  };
}

function overlaps(a, b) {
  const before = (p, q) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}
