// Evaluated first (imports run in order): sends the first rows' request while the rest loads.
import { firstPage, firstScreen, onSessionEnd, sendWholeList, transport } from './boot/first-request';
import { startApp } from './app/start-app';

void startApp({ transport, firstScreen, firstPage, onSessionEnd, afterFirstPaint: sendWholeList });
