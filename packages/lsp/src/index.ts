export { startServer, type InitializationOptions } from './server.js';
export { Workspace, type ServerHost, type WorkspaceOptions, type OpenFile } from './workspace.js';
export { FIX_ALL_TITLE } from './actions.js';
