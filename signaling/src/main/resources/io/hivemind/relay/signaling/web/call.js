// The built-in call page: joins a room with a RelayCall (relay-call.js), shows participants, the active speaker,
// captions and the call state, calls agents into the room, and hands out invite links for the same room.
'use strict';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
let devTokens = false;

function say(text) {
  $('message').textContent = text;
}

// Live call state, also read by the end-to-end tests.
const call = window.relayCall = new RelayCall({
  raw: params.get('raw') === '1',
  onState: (state, reason) => {
    const label = {idle: 'not in a call', connecting: 'connecting…', connected: 'connected',
      reconnecting: 'reconnecting…', ended: 'call ended'}[state];
    $('state').textContent = reason && state === 'ended' ? label + ': ' + reason : label;
    $('state').dataset.state = state;
    if (state === 'ended') {
      $('mute').disabled = true;
      $('leave').disabled = true;
      $('invite').disabled = true;
    }
  },
  onParticipants: render,
  onAgentState: render,
  onLocal: () => {
    if (params.get('agent')) {
      callAgent(params.get('agent'));
    }
  },
  onMedia: listenOnly => {
    $('mute').disabled = listenOnly;
    $('mode').textContent = listenOnly ? 'listen-only' : '';
    listAgents();
  },
  onMute: muted => {
    $('mute').textContent = muted ? 'Unmute' : 'Mute';
  },
  onCaption: (role, caption) => {
    const line = document.querySelector('.caption[data-role="' + role + '"]');
    if (line) {
      line.hidden = false;
      line.querySelector('span').textContent = caption.text;
    }
  },
  onSpeakers: active => document.querySelectorAll('#participants li')
    .forEach(li => li.classList.toggle('speaking', active.has(li.dataset.sid))),
  onNotice: say,
});

async function token(room, name) {
  const pasted = $('token').value.trim() || params.get('token');
  if (pasted) {
    return pasted;
  }
  try {
    return await relayDevToken(room, name);
  } catch (e) {
    $('token-field').hidden = false;
    throw e;
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
  call.setState('connecting');
  call.options.raw = $('raw-audio').checked;
  let jwt;
  try {
    jwt = await token(room, name);
  } catch (e) {
    $('join').disabled = false;
    call.setState('ended', e.message);
    return;
  }
  call.join(jwt, room);
  $('join-form').hidden = true;
  $('call').hidden = false;
  $('room-name').textContent = 'Room ' + room;
}

// Agents the server can call into this room: each runs as an in-process voice worker (docs/protocol.md).
async function listAgents() {
  let listing;
  try {
    listing = await relayApi('GET', '/api/agents', call.token);
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
    await relayApi('POST', '/api/rooms/' + encodeURIComponent(call.room) + '/agents', call.token, {agentId: id});
    say('');
  } catch (e) {
    call.errors.push(e.code || e.message);
    say(e.message);
  }
}

// An invite link joins the same room with its own token: with development keys the page mints one for a fresh
// guest identity; with real keys only the holder of an API secret can mint one, so the page says how.
async function invite() {
  const link = $('invite-link');
  if (!devTokens) {
    link.hidden = true;
    say('Invites need a token for room "' + call.room + '" minted with your API secret (hivemind-relay token …); '
      + 'share ' + location.origin + '/?room=' + encodeURIComponent(call.room) + '&token=<that token>.');
    return;
  }
  const guest = 'guest-' + Math.random().toString(36).slice(2, 8);
  let jwt;
  try {
    jwt = await relayDevToken(call.room, guest);
  } catch (e) {
    say(e.message);
    return;
  }
  const url = location.origin + '/?room=' + encodeURIComponent(call.room) + '&name=' + guest + '&token='
    + encodeURIComponent(jwt);
  link.value = url;
  link.hidden = false;
  link.select();
  try {
    await navigator.clipboard.writeText(url);
    say('Invite link copied.');
  } catch (e) {
    say('Copy the invite link above.');
  }
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
    const agent = call.agentStates.get(sid);
    badge.textContent = agent ? agent.state : !(p.tracks || []).length ? 'listening' : muted ? 'muted' : 'mic on';
    li.append(name, badge);
    ul.appendChild(li);
  }
}

$('join-form').addEventListener('submit', join);
$('mute').addEventListener('click', () => call.toggleMute());
$('leave').addEventListener('click', () => call.leave());
$('invite').addEventListener('click', invite);
document.addEventListener('click', () => call.resume());
$('room').value = params.get('room') || $('room').value;
$('name').value = params.get('name') || '';
$('raw-audio').checked = params.get('raw') === '1';
fetch('/api/page-config').then(r => r.json()).then(config => {
  devTokens = config.devTokens;
  $('token-field').hidden = config.devTokens && !params.get('token');
  if (params.get('autojoin') === '1') {
    join();
  }
});
