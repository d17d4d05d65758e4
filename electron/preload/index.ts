import { contextBridge, ipcRenderer } from 'electron';
import { createRendererApi } from './renderer-api';

// Sandboxed preload (built as CommonJS): it may import 'electron' and bundled local code only.
contextBridge.exposeInMainWorld('api', createRendererApi(ipcRenderer));
