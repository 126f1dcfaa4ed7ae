// The VS Code client of the keymgmt-lint language server: it starts the server bundled in the
// extension (server/, the npm package's bin, bundle and WebAssembly core) for Terraform files and
// passes it the keymgmtLint settings. Everything else is the server's.
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const SECTION = 'keymgmtLint';
let client;

function settings() {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  return { rules: configuration.get('rules'), callModuleType: configuration.get('callModuleType') };
}

async function start(context) {
  const module = context.asAbsolutePath(path.join('server', 'bin', 'keymgmt-lint-language-server.js'));
  // VS Code runs the module with its own Node and passes --stdio, which the server requires.
  const serverOptions = { module, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/*.tfvars.json'].map((pattern) => ({ scheme: 'file', pattern })),
    initializationOptions: settings(),
    // The server reads the keymgmtLint section of each didChangeConfiguration.
    synchronize: { configurationSection: SECTION },
  };
  client = new LanguageClient(SECTION, 'keymgmt-lint', serverOptions, clientOptions);
  await client.start();
}

async function stop() {
  const running = client;
  client = undefined;
  await running?.stop();
}

exports.activate = async function activate(context) {
  // Turning the extension off and on takes effect at once, without a reload.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(`${SECTION}.enable`)) return;
      await stop();
      if (vscode.workspace.getConfiguration(SECTION).get('enable')) await start(context);
    }),
  );
  if (vscode.workspace.getConfiguration(SECTION).get('enable')) await start(context);
};

exports.deactivate = stop;
