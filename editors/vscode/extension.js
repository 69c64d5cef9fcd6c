// The svcc extension: starts `svcc lsp` (the language server is svcc
// itself; docs/editors.md) for .svc documents.  Settings: svcc.path,
// svcc.root, svcc.includeDirs.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("svcc");
  const server = { command: config.get("path") || "svcc", args: ["lsp"] };
  const root = config.get("root");
  client = new LanguageClient("svcc", "svcc", server, {
    documentSelector: [{ scheme: "file", language: "svcc" }],
    initializationOptions: {
      ...(root ? { root } : {}),
      includeDirs: config.get("includeDirs") || [],
    },
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
