// ficlint for VS Code: starts `ficlint server` (the language server) for Markdown and plain
// text. Everything else (findings, quick fixes, hover, "Add word", "Ignore here") is the
// server's; this file only starts it.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('ficlint').get('path') || 'ficlint';
  client = new LanguageClient(
    'ficlint',
    'ficlint',
    { command, args: ['server'] },
    {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'file', language: 'plaintext' },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
