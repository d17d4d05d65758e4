// Evaluated first (imports run in order): sends the first screen's request while the rest loads.
import { firstPage, firstScreen, onSessionEnd, transport } from './boot/first-request';
import { startApp } from './app/start-app';

void startApp({ transport, firstScreen, firstPage, onSessionEnd });
