// The desktop client: a SIP user agent (JsSIP) registering over the platform's WebSocket with the
// signed-in employee's own device. The registration is the desktop session that holds a licence;
// closing the page ends it.
import JsSIP from 'jssip';
import qrcode from 'qrcode-generator';

const $ = (id) => document.getElementById(id);
const csrf = () => ({
  [document.querySelector('meta[name=_csrf_header]').content]: document.querySelector('meta[name=_csrf]').content,
});

const state = { ua: null, session: null, settings: null, licensed: null, refresh: null, held: false, muted: false };

function show(id, visible) {
  $(id).hidden = !visible;
}

function text(id, value) {
  $(id).textContent = value;
}

/** The reason in a Warning header (399 host "reason"), or null. */
function warning(message) {
  const value = message && message.getHeader ? message.getHeader('Warning') : null;
  if (!value) return null;
  const m = /"(.*)"/.exec(value);
  return m ? m[1] : value;
}

function licence(held, reason) {
  state.licensed = held;
  const el = $('licence-status');
  el.dataset.state = held ? 'held' : 'refused';
  el.className = held ? 'notice success' : 'notice warning';
  el.textContent = held
    ? 'Your client holds a licence: you can place and receive calls.'
    : 'No licence is free: you can receive calls only; emergency calls still go out. (' + reason + ')';
  show('retry-licence', !held);
}

function registration(status, detail) {
  const el = $('registration');
  el.dataset.state = status;
  el.textContent = detail;
}

/**
 * The WebSocket, watched: every answer to a REGISTER (the first, and each heartbeat refresh) says
 * whether this client holds a licence; the registrar adds a Warning with the reason when it does not.
 */
class WatchedSocket extends JsSIP.WebSocketInterface {
  set ondata(handler) {
    this._handler = handler;
  }

  get ondata() {
    return this._handler ? (data) => {
      watchRegister(data);
      this._handler(data);
    } : null;
  }
}

function watchRegister(data) {
  if (typeof data !== 'string' || !data.startsWith('SIP/2.0 200') || !/\r\nCSeq:\s*\d+\s+REGISTER\r\n/i.test(data)) {
    return;
  }
  if (!/\r\nContact:/i.test(data)) return; // the answer to the un-REGISTER
  const w = /\r\nWarning:\s*399 \S+ "([^"]*)"/i.exec(data);
  licence(!w, w ? w[1] : null);
}

async function start() {
  const settings = await (await fetch('/phone/me', { headers: { Accept: 'application/json' } })).json();
  state.settings = settings;
  text('my-name', settings.name);
  text('my-extension', settings.extension);
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + settings.webSocketPath;
  const ua = new JsSIP.UA({
    sockets: [new WatchedSocket(url)],
    uri: settings.sipUri,
    display_name: settings.name,
    register: true,
    register_expires: settings.registerExpires,
    session_timers: false,
    user_agent: 'Switchboard desktop client',
  });
  state.ua = ua;
  registration('connecting', 'Connecting…');
  ua.on('registered', () => registration('registered', 'Registered as extension ' + settings.extension));
  ua.on('unregistered', () => registration('unregistered', 'Not registered'));
  ua.on('registrationFailed', (e) => registration('failed', 'Registration failed: ' + e.cause));
  ua.on('disconnected', () => registration('disconnected', 'Connection lost, reconnecting…'));
  ua.on('newRTCSession', (e) => session(e.session, e.originator));
  ua.start();
  // the heartbeat: a registration refresh well within the licence's heartbeat timeout
  state.refresh = setInterval(() => {
    if (ua.isRegistered()) ua.register();
  }, settings.refreshSeconds * 1000);
  window.addEventListener('pagehide', () => {
    clearInterval(state.refresh);
    ua.stop(); // unregisters: the desktop session closes and the licence is free at once
  });
  document.querySelectorAll('form[action$="/logout"]').forEach((f) =>
    f.addEventListener('submit', () => ua.stop()));
  colleagues();
  history();
  setInterval(colleagues, 5000);
  setInterval(history, 15000);
}

// ---- calls ---------------------------------------------------------------------------------------

function attachAudio(pc) {
  pc.addEventListener('track', (ev) => {
    const audio = $('remote-audio');
    audio.srcObject = ev.streams[0];
    audio.play().catch(() => {});
  });
}

function session(s, originator) {
  if (state.session) {
    s.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    return;
  }
  state.session = s;
  state.held = false;
  state.muted = false;
  text('call-error', '');
  if (s.connection) attachAudio(s.connection);
  else s.on('peerconnection', (e) => attachAudio(e.peerconnection));
  const peer = s.remote_identity;
  const who = (peer.display_name ? peer.display_name + ' ' : '') + '(' + peer.uri.user + ')';
  if (originator === 'remote') {
    text('incoming-caller', peer.display_name || peer.uri.user);
    text('incoming-number', peer.uri.user);
    show('incoming', true);
    callStatus('ringing', 'Incoming call from ' + who);
  } else {
    callStatus('calling', 'Calling ' + peer.uri.user + '…');
  }
  buttons();
  s.on('progress', () => {
    if (originator === 'local') callStatus('ringing', 'Ringing at ' + peer.uri.user + '…');
  });
  s.on('accepted', () => {
    show('incoming', false);
    callStatus('talking', 'In a call with ' + who);
    buttons();
  });
  s.on('hold', () => callStatus('held', 'On hold: ' + who));
  s.on('unhold', () => callStatus('talking', 'In a call with ' + who));
  s.on('ended', () => finished('Call ended'));
  s.on('failed', (e) => {
    const reason = warning(e.message);
    const why = reason || (e.message && e.message.reason_phrase) || e.cause;
    finished(originator === 'local' ? 'Call not placed: ' + why : 'Missed call from ' + who);
    if (originator === 'local') text('call-error', why);
  });
}

function finished(message) {
  state.session = null;
  show('incoming', false);
  callStatus('idle', message);
  buttons();
  history();
}

function callStatus(stateName, message) {
  const el = $('call-status');
  el.dataset.state = stateName;
  el.textContent = message;
}

function buttons() {
  const s = state.session;
  const established = s && s.isEstablished();
  $('call-button').disabled = !!s;
  $('hangup-button').disabled = !s;
  $('hold-button').disabled = !established;
  $('mute-button').disabled = !established;
  $('hold-button').textContent = state.held ? 'Resume' : 'Hold';
  $('mute-button').textContent = state.muted ? 'Unmute' : 'Mute';
}

function call(number) {
  const n = (number || '').trim();
  if (!n || !state.ua) return;
  state.ua.call('sip:' + n + '@' + state.settings.domain, {
    mediaConstraints: { audio: true, video: false },
    pcConfig: { iceServers: [] },
    fromUserName: state.settings.extension,
    fromDisplayName: state.settings.name,
  });
}

function wire() {
  document.querySelectorAll('#dial-pad button[data-key]').forEach((b) =>
    b.addEventListener('click', () => {
      const key = b.dataset.key;
      if (state.session && state.session.isEstablished()) {
        state.session.sendDTMF(key);
        text('dtmf-sent', ($('dtmf-sent').textContent + key).slice(-20));
      } else {
        $('dial-input').value += key;
      }
    }));
  $('call-button').addEventListener('click', () => call($('dial-input').value));
  // a new desktop session asks for a licence again (the refused one keeps its answer)
  $('retry-licence').addEventListener('click', () => {
    if (!state.ua) return;
    state.ua.unregister();
    setTimeout(() => state.ua.register(), 500);
  });
  $('dial-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') call($('dial-input').value);
  });
  $('hangup-button').addEventListener('click', () => state.session && state.session.terminate());
  $('answer-button').addEventListener('click', () =>
    state.session && state.session.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } }));
  $('reject-button').addEventListener('click', () =>
    state.session && state.session.terminate({ status_code: 603, reason_phrase: 'Decline' }));
  $('hold-button').addEventListener('click', () => {
    if (!state.session) return;
    state.held = !state.held;
    if (state.held) state.session.hold(); else state.session.unhold();
    buttons();
  });
  $('mute-button').addEventListener('click', () => {
    if (!state.session) return;
    state.muted = !state.muted;
    if (state.muted) state.session.mute({ audio: true }); else state.session.unmute({ audio: true });
    buttons();
  });
}

// ---- directory and history -------------------------------------------------------------------------

const PRESENCE = { FREE: 'free', ON_A_CALL: 'on a call', AWAY: 'away' };

async function colleagues() {
  const r = await fetch('/phone/colleagues', { headers: { Accept: 'application/json' } });
  if (!r.ok) return;
  const list = await r.json();
  const ul = $('colleagues');
  ul.replaceChildren(...list.map((c) => {
    const li = document.createElement('li');
    li.dataset.extension = c.extension;
    li.dataset.presence = c.presence;
    const name = document.createElement('span');
    name.textContent = c.name + ' · ' + c.extension;
    const presence = document.createElement('span');
    presence.className = 'presence ' + c.presence.toLowerCase();
    presence.textContent = PRESENCE[c.presence] || c.presence;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'small';
    b.textContent = 'Call';
    b.addEventListener('click', () => call(c.extension));
    li.append(name, ' ', presence, ' ', b);
    return li;
  }));
}

async function history() {
  const r = await fetch('/phone/calls', { headers: { Accept: 'application/json' } });
  if (!r.ok) return;
  const calls = await r.json();
  const body = $('history');
  body.replaceChildren(...calls.map((c) => {
    const tr = document.createElement('tr');
    const mine = c.subject === state.settings.extension;
    const cells = [new Date(c.startedAt).toLocaleString(), mine ? 'out' : 'in', mine ? c.to : c.from,
      c.answeredAt && c.endedAt ? Math.round((Date.parse(c.endedAt) - Date.parse(c.answeredAt)) / 1000) + ' s' : '-',
      (c.endReason || '').toLowerCase().replaceAll('_', ' ')];
    cells.forEach((v) => {
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(td);
    });
    return tr;
  }));
}

/** Audio bytes received and sent in the current call, from WebRTC's statistics (null without a call). */
window.phoneStats = async function phoneStats() {
  const s = state.session;
  if (!s || !s.connection) return null;
  const report = await s.connection.getStats();
  const out = { bytesReceived: 0, bytesSent: 0, packetsReceived: 0 };
  report.forEach((v) => {
    if (v.type === 'inbound-rtp' && v.kind === 'audio') {
      out.bytesReceived += v.bytesReceived || 0;
      out.packetsReceived += v.packetsReceived || 0;
    }
    if (v.type === 'outbound-rtp' && v.kind === 'audio') out.bytesSent += v.bytesSent || 0;
  });
  return out;
};

// ---- mobile pairing ---------------------------------------------------------------------------------

async function pairingCode() {
  const r = await fetch('/phone/pairing-codes', { method: 'POST', headers: { Accept: 'application/json', ...csrf() } });
  if (!r.ok) {
    // too many codes in a row (429) says how long to wait
    const problem = await r.json().catch(() => ({}));
    text('pairing-error', problem.detail || 'No pairing code now: try again later.');
    show('pairing-error', true);
    show('pairing-code-box', false);
    return;
  }
  show('pairing-error', false);
  const c = await r.json();
  text('pairing-code', c.code);
  text('pairing-expires', new Date(c.expiresAt).toLocaleTimeString());
  // what the app scans: the mobile page with the code filled in
  const qr = qrcode(0, 'M');
  qr.addData(location.origin + '/mobile?code=' + c.code);
  qr.make();
  $('pairing-qr').innerHTML = qr.createSvgTag({ cellSize: 4, margin: 2 });
  show('pairing-code-box', true);
}

async function mobiles() {
  const r = await fetch('/phone/mobiles', { headers: { Accept: 'application/json' } });
  if (!r.ok) return;
  const list = await r.json();
  $('mobiles').replaceChildren(...list.map((m) => {
    const tr = document.createElement('tr');
    tr.dataset.mobile = m.id;
    const name = document.createElement('td');
    name.textContent = m.name;
    const since = document.createElement('td');
    since.textContent = new Date(m.pairedAt).toLocaleString();
    const action = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'small unpair';
    b.textContent = 'Unpair';
    b.addEventListener('click', async () => {
      await fetch('/phone/mobiles/' + m.id, { method: 'DELETE', headers: csrf() });
      mobiles();
    });
    action.append(b);
    tr.append(name, since, action);
    return tr;
  }));
}

$('pairing-button').addEventListener('click', pairingCode);
mobiles();
setInterval(mobiles, 5000);

wire();
buttons();
start().catch((e) => registration('failed', 'The client could not start: ' + e.message));
