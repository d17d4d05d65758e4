// Evaluated first (imports run in order): sends the first rows' request while the rest loads.
import { firstPage, onSessionEnd, sendWholeList, transport, wholeList } from './boot/first-request';
import { startApp } from './app/start-app';

void startApp({ transport, wholeList, firstPage, onSessionEnd, afterFirstPaint: sendWholeList });
