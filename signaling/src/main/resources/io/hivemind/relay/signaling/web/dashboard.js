// The dashboard: the call-capable agents, a call to one of them (room mode through the relay, or BYOK) in a modal
// with its live state and captions, the recent calls, and, for an admin, pairing phones and revoking them
// (docs/protocol.md).
'use strict';

const $ = id => document.getElementById(id);
const DEVICE_TOKEN = 'relay.deviceToken';
const PASTED_TOKEN = 'relay.token';
const STATE_LABELS = {connecting: 'connecting…', agent_joining: 'agent joining…', live: 'live', ended: 'ended'};

// Dashboard state, also read by the end-to-end tests: the credential's kind, the current call and its state.
const dashboard = window.relayDashboard = {
  credential: '', token: '', devTokens: false, agents: [], devices: [], pairingCode: null, calls: [],
  call: null, // {callId, mode, agent, state, agentState, endReason}
};

function say(text) {
  $('message').textContent = text;
}

// Where the dashboard's credential comes from: a pasted token first, then this device's token from pairing, then a
// development token for the local user (development keys, loopback only).
async function credential() {
  const pasted = new URLSearchParams(location.search).get('token') || localStorage.getItem(PASTED_TOKEN);
  if (pasted) {
    return {kind: 'token', token: pasted};
  }
  const device = localStorage.getItem(DEVICE_TOKEN);
  if (device) {
    return {kind: 'device', token: device};
  }
  if (dashboard.devTokens) {
    return {kind: 'dev', token: await relayDevToken('dashboard', 'local-user')};
  }
  return null;
}

function askForCredentials(note) {
  $('credentials').hidden = false;
  $('credentials-note').textContent = note;
  $('agents').hidden = true;
}

async function loadAgents() {
  let listing;
  try {
    listing = await relayApi('GET', '/api/agents', dashboard.token);
  } catch (e) {
    if (e.status === 401) {
      if (dashboard.credential === 'device') {
        localStorage.removeItem(DEVICE_TOKEN);
        askForCredentials('This device is no longer paired (its token was revoked). Pair it again.');
      } else {
        localStorage.removeItem(PASTED_TOKEN);
        askForCredentials('The token was refused (' + e.message + ').');
      }
    } else {
      say(e.message);
    }
    return;
  }
  dashboard.agents = listing.agents;
  $('agents').hidden = false;
  $('agents-note').textContent = listing.agents.length === 0 ? 'No call-capable agents are configured.'
    : listing.voice ? '' : 'Voice is off on this server (no OpenAI key): calls are disabled.';
  const ul = $('agent-list');
  ul.replaceChildren();
  for (const agent of listing.agents) {
    const li = document.createElement('li');
    const title = document.createElement('b');
    title.textContent = agent.name;
    const details = document.createElement('span');
    details.className = 'note';
    details.textContent = [agent.machine && 'on ' + agent.machine, agent.runtime, agent.workspace]
      .filter(Boolean).join(' · ');
    const skills = document.createElement('span');
    skills.className = 'note';
    skills.textContent = agent.skills && agent.skills.length ? 'skills: ' + agent.skills.join(', ') : '';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Call';
    button.dataset.agent = agent.id;
    button.disabled = !listing.voice;
    button.addEventListener('click', () => startCall(agent));
    li.append(title, details, skills, button);
    ul.appendChild(li);
  }
}

// ---- the call modal ----

let poll = null;

function callMessage(text) {
  $('call-message').textContent = text;
}

function showCallState() {
  const c = dashboard.call;
  const label = $('call-state');
  let text = STATE_LABELS[c.state] || c.state;
  if (c.state === 'live' && c.agentState) {
    text += ': ' + c.agentState;
  } else if (c.state === 'ended' && c.endReason) {
    text += ': ' + c.endReason;
  }
  label.textContent = text;
  label.dataset.state = c.state;
  const ended = c.state === 'ended';
  $('call-hangup').hidden = ended;
  $('call-close').hidden = !ended;
  if (ended) {
    $('call-mute').disabled = true;
  }
}

/** Moves the call forward: states only advance, and an ended call stays ended. */
function advance(state, agentState, endReason) {
  const c = dashboard.call;
  if (!c || c.state === 'ended') {
    return;
  }
  const order = ['connecting', 'agent_joining', 'live', 'ended'];
  if (order.indexOf(state) > order.indexOf(c.state)) {
    c.state = state;
  }
  if (agentState) {
    c.agentState = agentState;
  }
  if (state === 'ended') {
    c.endReason = endReason || c.endReason || '';
    stopCall();
    loadCalls();
  }
  showCallState();
}

async function refreshCall() {
  const c = dashboard.call;
  if (!c || c.state === 'ended') {
    return;
  }
  try {
    const record = await relayApi('GET', '/api/calls/' + encodeURIComponent(c.callId), dashboard.token);
    advance(record.state, record.agentState, record.endReason);
  } catch (e) {
    callMessage(e.message);
  }
}

function openModal(agent, mode) {
  $('call-title').textContent = agent.name;
  $('call-mode').textContent = mode === 'byok' ? '' : 'Room mode: your voice goes through the relay.';
  document.querySelectorAll('#call-modal .caption').forEach(line => {
    line.hidden = true;
    line.querySelector('span').textContent = '';
  });
  callMessage('');
  $('call-mute').disabled = true;
  $('call-mute').textContent = 'Mute';
  $('call-modal').hidden = false;
}

async function startCall(agent) {
  const mode = $('byok').checked ? 'byok' : 'room';
  dashboard.call = {callId: '', mode: mode, agent: agent.id, state: 'connecting', agentState: '', endReason: ''};
  openModal(agent, mode);
  showCallState();
  let started;
  try {
    started = await relayApi('POST', '/api/calls', dashboard.token, {agentId: agent.id, mode: mode});
  } catch (e) {
    advance('ended', '', e.message);
    return;
  }
  dashboard.call.callId = started.callId;
  if (mode === 'byok') {
    const expires = new Date(started.clientSecret.expires_at * 1000);
    $('call-mode').textContent = 'BYOK: a client secret for ' + started.clientSecret.model + ', valid until '
      + expires.toLocaleTimeString() + ', lets a BYOK client (the phone app) talk to OpenAI directly; it posts the '
      + "agent's tool calls to " + started.askUrl + '. This page does not open that OpenAI session itself.';
  } else {
    joinRoom(started);
  }
  advance(started.state);
  if (mode === 'byok') {
    // A room call's state is pushed over its room's /ws (call_state); a BYOK call has no room, so it is polled.
    poll = setInterval(refreshCall, 1000);
  }
}

function joinRoom(started) {
  const call = window.relayCall = new RelayCall({
    onState: (state, reason) => {
      if (state === 'ended' && dashboard.call && dashboard.call.state !== 'ended') {
        // The call's own end reason (agent_left, idle, …) says more than the room session's, when there is one.
        refreshCall().then(() => advance('ended', '', reason));
      }
    },
    onMedia: listenOnly => {
      $('call-mute').disabled = listenOnly;
      if (listenOnly) {
        $('call-mode').textContent = 'Speaker only: no microphone, you hear the agent but it cannot hear you.';
      }
    },
    onMute: muted => {
      $('call-mute').textContent = muted ? 'Unmute' : 'Mute';
    },
    onCallState: message => advance(message.state, message.agentState, message.endReason),
    onAgentState: message => {
      if (message.state === 'ended') {
        return; // the call record says why the call ended
      }
      advance(message.state === 'connecting' ? 'agent_joining' : 'live', message.state === 'connecting' ? ''
        : message.state);
    },
    onCaption: (role, caption) => {
      const line = document.querySelector('#call-modal .caption[data-role="' + role + '"]');
      line.hidden = false;
      line.querySelector('span').textContent = caption.text;
    },
    onNotice: callMessage,
  });
  call.join(started.token, started.room);
}

function stopCall() {
  clearInterval(poll);
  poll = null;
  if (window.relayCall && window.relayCall.state !== 'ended') {
    window.relayCall.leave();
  }
}

async function hangUp() {
  const c = dashboard.call;
  if (!c) {
    return;
  }
  if (c.callId) {
    try {
      await relayApi('DELETE', '/api/calls/' + encodeURIComponent(c.callId), dashboard.token);
    } catch (e) {
      callMessage(e.message);
    }
  }
  advance('ended', '', 'hangup');
}

// ---- pairing (admin) ----

// Pairing is an admin task: with development keys a loopback request without a token is an admin; otherwise only a
// pasted admin token is (a device token never is).
function adminToken() {
  return dashboard.devTokens ? '' : dashboard.credential === 'token' ? dashboard.token : null;
}

let countdown = null;

async function loadDevices() {
  const token = adminToken();
  if (token === null) {
    return;
  }
  let listing;
  try {
    listing = await relayApi('GET', '/api/devices', token);
  } catch (e) {
    $('pairing').hidden = true; // not an admin
    return;
  }
  dashboard.devices = listing.devices;
  $('pairing').hidden = false;
  const ul = $('device-list');
  ul.replaceChildren();
  for (const device of listing.devices) {
    const li = document.createElement('li');
    li.dataset.device = device.id;
    const name = document.createElement('b');
    name.textContent = device.name;
    const seen = document.createElement('span');
    seen.className = 'note';
    seen.textContent = device.revoked ? 'revoked ' + new Date(device.revokedAt).toLocaleString()
      : 'last seen ' + (device.lastSeen ? new Date(device.lastSeen).toLocaleString() : 'never');
    li.append(name, seen);
    if (!device.revoked) {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'danger';
      revoke.textContent = 'Revoke';
      revoke.addEventListener('click', () => revokeDevice(device.id));
      li.appendChild(revoke);
    }
    ul.appendChild(li);
  }
}

async function revokeDevice(id) {
  try {
    await relayApi('DELETE', '/api/devices/' + encodeURIComponent(id), adminToken());
  } catch (e) {
    say(e.message);
  }
  await loadDevices();
}

async function createCode() {
  let code;
  try {
    code = await relayApi('POST', '/api/pairing/codes', adminToken());
  } catch (e) {
    say(e.message);
    return;
  }
  dashboard.pairingCode = code;
  $('pair-code').hidden = false;
  $('pair-code-text').textContent = code.code;
  $('pair-url').textContent = code.pairUrl;
  $('pair-url').href = code.pairUrl;
  // The server's SVG as an image: a data URL keeps to the page's policy (no inline markup from the network).
  $('pair-qr').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(code.qrSvg);
  clearInterval(countdown);
  const expires = Date.parse(code.expiresAt);
  const tick = () => {
    const left = Math.max(0, Math.round((expires - Date.now()) / 1000));
    $('pair-expiry').textContent = left > 0
      ? 'expires in ' + Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0')
      : 'expired: create a new code';
    if (left === 0) {
      clearInterval(countdown);
    } else if (left % 2 === 0) {
      loadDevices(); // the phone shows up here once it has paired
    }
  };
  tick();
  countdown = setInterval(tick, 1000);
}

// ---- start ----

// ---- recent calls (admin) ----

const CALLS_REFRESH_MS = 2000;
let callsRefresh = null;

function describeCall(call) {
  const parts = [new Date(call.startedAt).toLocaleString()];
  if (call.endedAt) {
    const seconds = Math.round((Date.parse(call.endedAt) - Date.parse(call.startedAt)) / 1000);
    parts.push(Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0'), call.endReason);
  } else {
    parts.push('in progress');
  }
  if (call.toolCalls) {
    parts.push(call.toolCalls + (call.toolCalls === 1 ? ' question' : ' questions') + ' to the agent');
  }
  if (call.error) {
    parts.push(call.error);
  }
  return parts.join(' · ');
}

// The caller's own call records (an admin token's: everyone's); while one is in progress the list refreshes, since
// a call's record is closed a moment after it ends.
async function loadCalls() {
  clearTimeout(callsRefresh);
  if (!dashboard.token) {
    return;
  }
  let listing;
  try {
    listing = await relayApi('GET', '/api/calls', dashboard.token);
  } catch (e) {
    $('history').hidden = true;
    return;
  }
  dashboard.calls = listing.calls;
  $('history').hidden = listing.calls.length === 0;
  const ul = $('call-list');
  ul.replaceChildren();
  for (const call of listing.calls) {
    const li = document.createElement('li');
    li.dataset.call = call.callId;
    const who = document.createElement('b');
    who.textContent = call.agentId + ' (' + call.mode + ')';
    const what = document.createElement('span');
    what.className = 'note';
    what.textContent = describeCall(call);
    li.append(who, what);
    ul.appendChild(li);
  }
  if (listing.calls.some(call => !call.endedAt)) {
    callsRefresh = setTimeout(loadCalls, CALLS_REFRESH_MS);
  }
}

async function start() {
  const config = await (await fetch('/api/page-config')).json();
  dashboard.devTokens = config.devTokens;
  let found;
  try {
    found = await credential();
  } catch (e) {
    say(e.message);
  }
  if (!found) {
    askForCredentials('Pair this device from the dashboard of a signed-in computer, or paste a relay token.');
  } else {
    dashboard.credential = found.kind;
    dashboard.token = found.token;
    await loadAgents();
  }
  await loadDevices();
  await loadCalls();
}

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (token) {
    localStorage.setItem(PASTED_TOKEN, token);
    $('credentials').hidden = true;
    start();
  }
});
$('byok').addEventListener('change', () => {
  $('byok-note').hidden = !$('byok').checked;
});
$('call-hangup').addEventListener('click', hangUp);
$('call-mute').addEventListener('click', () => window.relayCall && window.relayCall.toggleMute());
$('call-close').addEventListener('click', () => {
  $('call-modal').hidden = true;
});
$('pair-create').addEventListener('click', createCode);
document.addEventListener('click', () => window.relayCall && window.relayCall.resume());
start();
