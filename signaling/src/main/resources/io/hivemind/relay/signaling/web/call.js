// The built-in call page: joins a room over /ws (docs/protocol.md), publishes the microphone (or listens only when
// there is none), plays everyone else, and shows participants, the active speaker and the call state.
'use strict';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);

// Live call state, also read by the end-to-end tests.
const call = window.relayCall = {
  state: 'idle', reason: '', token: '', room: '', ws: null, pc: null, localSid: '', trackSid: '', listenOnly: false, muted: false,
  participants: new Map(), // sid -> {identity, name, tracks}
  streams: new Map(),      // participant sid -> MediaStream received from them
  captions: {user: null, agent: null}, // role -> {id, text, complete}: only the latest utterance of each
  errors: [],
};

function setState(state, reason) {
  call.state = state;
  call.reason = reason || '';
  const label = {idle: 'not in a call', connecting: 'connecting…', connected: 'connected',
    reconnecting: 'reconnecting…', ended: 'call ended'}[state];
  $('state').textContent = reason && state === 'ended' ? label + ': ' + reason : label;
  $('state').dataset.state = state;
}

function say(text) {
  $('message').textContent = text;
}

async function token(room, name) {
  const pasted = $('token').value.trim() || params.get('token');
  if (pasted) {
    return pasted;
  }
  const response = await fetch('/api/dev/token', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({room: room, identity: name, name: name})});
  const body = await response.json();
  if (!response.ok) {
    $('token-field').hidden = false;
    throw new Error(body.error ? body.error.message : 'no token');
  }
  return body.token;
}

async function microphone() {
  const raw = $('raw-audio').checked;
  const audio = raw ? {echoCancellation: false, noiseSuppression: false, autoGainControl: false} : true;
  try {
    return await navigator.mediaDevices.getUserMedia({audio: audio});
  } catch (e) {
    // Speaker-only fallback: a missing or denied microphone must not stop the caller from hearing the room.
    say('No microphone (' + e.name + '): joined listen-only.');
    return null;
  }
}

// Signaling messages are handled one at a time, in order, so an offer never overtakes the answer before it.
let queue = Promise.resolve();

function send(message) {
  if (call.ws && call.ws.readyState === WebSocket.OPEN) {
    call.ws.send(JSON.stringify(message));
  }
}

async function join(event) {
  if (event) {
    event.preventDefault();
  }
  const room = $('room').value.trim();
  const name = $('name').value.trim();
  if (!room || !name) {
    say('Enter a room and your name.');
    return;
  }
  say('');
  $('join').disabled = true;
  setState('connecting');
  let jwt;
  try {
    jwt = await token(room, name);
  } catch (e) {
    $('join').disabled = false;
    setState('ended', e.message);
    return;
  }
  call.token = jwt;
  call.room = room;
  const ws = call.ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.onopen = () => send({type: 'join', token: jwt});
  ws.onmessage = e => {
    const message = JSON.parse(e.data);
    queue = queue.then(() => handle(message)).catch(err => {
      call.errors.push(String(err));
      say(String(err));
    });
  };
  ws.onclose = () => end(call.state === 'ended' ? call.reason : 'signaling connection closed');
  $('join-form').hidden = true;
  $('call').hidden = false;
  $('room-name').textContent = 'Room ' + room;
}

async function api(method, path, body) {
  const response = await fetch(path, {method: method, headers: {'Authorization': 'Bearer ' + call.token,
    'Content-Type': 'application/json'}, body: body ? JSON.stringify(body) : undefined});
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error(json.error ? json.error.code + ': ' + json.error.message : 'HTTP ' + response.status);
  }
  return json;
}

// Agents the server can call into this room: each runs as an in-process voice worker (docs/protocol.md).
async function listAgents() {
  let listing;
  try {
    listing = await api('GET', '/api/agents');
  } catch (e) {
    return;
  }
  $('agents').hidden = listing.agents.length === 0;
  $('agents-note').textContent = listing.voice ? '' : 'Voice is off on this server (no OpenAI key).';
  const ul = $('agent-list');
  ul.replaceChildren();
  for (const agent of listing.agents) {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = agent.name + (agent.machine ? ' on ' + agent.machine : '')
      + (agent.workspace ? ' (' + agent.workspace + ')' : '');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Call into room';
    button.dataset.agent = agent.id;
    button.disabled = !listing.voice;
    button.addEventListener('click', () => callAgent(agent.id));
    li.append(label, button);
    ul.appendChild(li);
  }
}

async function callAgent(id) {
  try {
    await api('POST', '/api/rooms/' + encodeURIComponent(call.room) + '/agents', {agentId: id});
    say('');
  } catch (e) {
    call.errors.push(e.message.split(':')[0]);
    say(e.message);
  }
}

async function start(joined) {
  listAgents();
  for (const p of joined.participants) {
    call.participants.set(p.sid, p);
  }
  render();
  const pc = call.pc = new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
  pc.ontrack = e => {
    const stream = e.streams[0];
    if (!stream) {
      return;
    }
    call.streams.set(stream.id, stream);
    let audio = document.querySelector('audio[data-sid="' + stream.id + '"]');
    if (!audio) {
      audio = document.createElement('audio');
      audio.dataset.sid = stream.id;
      audio.autoplay = true;
      document.body.appendChild(audio);
    }
    audio.srcObject = stream;
    audio.play().catch(() => say('Click anywhere to hear the room.'));
  };
  pc.onconnectionstatechange = () => {
    const s = pc.connectionState;
    if (s === 'connected') {
      setState('connected');
    } else if (s === 'disconnected') {
      setState('reconnecting', 'media path interrupted');
    } else if (s === 'failed') {
      end('media connection failed');
    }
  };
  const mic = await microphone();
  if (mic) {
    mic.getTracks().forEach(track => pc.addTrack(track, mic));
    $('mute').disabled = false;
  } else {
    call.listenOnly = true;
    pc.addTransceiver('audio', {direction: 'recvonly'});
  }
  $('mode').textContent = call.listenOnly ? 'listen-only' : '';
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  send({type: 'offer', sdp: offer.sdp});
}

async function handle(message) {
  const pc = call.pc;
  switch (message.type) {
    case 'joined':
      await start(message);
      break;
    case 'answer':
      await pc.setRemoteDescription({type: 'answer', sdp: message.sdp});
      break;
    case 'offer': {
      await pc.setRemoteDescription({type: 'offer', sdp: message.sdp});
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      send({type: 'answer', sdp: answer.sdp});
      break;
    }
    case 'local_participant':
      call.localSid = message.participant.sid;
      call.trackSid = message.participant.tracks.length ? message.participant.tracks[0].sid : '';
      call.participants.set(call.localSid, Object.assign({self: true}, message.participant));
      render();
      if (params.get('agent')) {
        callAgent(params.get('agent'));
      }
      break;
    case 'participant_joined':
      call.participants.set(message.participant.sid, message.participant);
      render();
      break;
    case 'participant_left':
      call.participants.delete(message.sid);
      call.streams.delete(message.sid);
      document.querySelectorAll('audio[data-sid="' + message.sid + '"]').forEach(a => a.remove());
      render();
      break;
    case 'track_published':
    case 'track_unpublished':
    case 'muted':
      trackChanged(message);
      break;
    case 'caption':
      caption(message);
      break;
    case 'active_speakers':
      speakers(message.speakers);
      break;
    case 'left':
      end(message.reason);
      break;
    case 'error':
      call.errors.push(message.code);
      say(message.code + ': ' + message.message);
      break;
  }
}

function trackChanged(message) {
  const p = call.participants.get(message.participantSid);
  if (!p) {
    return;
  }
  const tracks = (p.tracks || []).filter(t => t.sid !== (message.trackSid || (message.track && message.track.sid)));
  if (message.type === 'track_published') {
    tracks.push(message.track);
  } else if (message.type === 'muted') {
    tracks.push({sid: message.trackSid, kind: 'audio', muted: message.muted, byServer: message.byServer});
    if (p.self) {
      call.muted = message.muted;
      $('mute').textContent = message.muted ? 'Unmute' : 'Mute';
    }
  }
  p.tracks = tracks;
  render();
}

// A caption carries the whole text of one utterance so far: a new id replaces the last caption, never appends to it.
function caption(message) {
  call.captions[message.role] = {id: message.id, text: message.text, complete: message.complete};
  const line = document.querySelector('.caption[data-role="' + message.role + '"]');
  if (line) {
    line.hidden = false;
    line.querySelector('span').textContent = message.text;
  }
}

function speakers(list) {
  const active = new Set(list.map(s => s.sid));
  document.querySelectorAll('#participants li').forEach(li => li.classList.toggle('speaking', active.has(li.dataset.sid)));
}

function render() {
  const ul = $('participants');
  ul.replaceChildren();
  for (const [sid, p] of call.participants) {
    const li = document.createElement('li');
    li.dataset.sid = sid;
    const name = document.createElement('span');
    name.textContent = (p.name || p.identity) + (p.self ? ' (you)' : '');
    const badge = document.createElement('span');
    badge.className = 'badge';
    const muted = (p.tracks || []).some(t => t.muted);
    badge.textContent = !(p.tracks || []).length ? 'listening' : muted ? 'muted' : 'mic on';
    li.append(name, badge);
    ul.appendChild(li);
  }
}

function toggleMute() {
  const muted = !call.muted;
  call.pc.getSenders().forEach(s => {
    if (s.track) {
      s.track.enabled = !muted;
    }
  });
  send({type: 'mute', trackSid: call.trackSid, muted: muted});
}

function end(reason) {
  if (call.state === 'ended' && call.reason) {
    return;
  }
  setState('ended', reason);
  if (call.pc) {
    call.pc.getSenders().forEach(s => s.track && s.track.stop());
    call.pc.close();
  }
  if (call.ws && call.ws.readyState <= WebSocket.OPEN) {
    call.ws.close();
  }
  $('mute').disabled = true;
  $('leave').disabled = true;
}

function leave() {
  send({type: 'leave'});
  end('you left');
}

$('join-form').addEventListener('submit', join);
$('mute').addEventListener('click', toggleMute);
$('leave').addEventListener('click', leave);
document.addEventListener('click', () => document.querySelectorAll('audio').forEach(a => a.play().catch(() => {})));
$('room').value = params.get('room') || $('room').value;
$('name').value = params.get('name') || '';
$('raw-audio').checked = params.get('raw') === '1';
fetch('/api/page-config').then(r => r.json()).then(config => {
  $('token-field').hidden = config.devTokens && !params.get('token');
  if (params.get('autojoin') === '1') {
    join();
  }
});
