// RelayCall: one browser's session in a relay room over /ws (docs/protocol.md), shared by the call page (/) and the
// dashboard (/dashboard). It publishes the microphone (or listens only when there is none), plays everyone else,
// and keeps the room's participants, streams, captions and agent states; pages render it through callbacks.
'use strict';

class RelayCall {
  /**
   * @param options {raw: boolean (microphone without processing),
   *   onState(state, reason), onParticipants(call), onCaption(role, caption), onSpeakers(Set of sids),
   *   onAgentState(message), onCallState(message), onLocal(participant), onMute(muted), onNotice(text),
   *   onMedia(listenOnly)}
   */
  constructor(options) {
    this.options = options || {};
    this.state = 'idle';
    this.reason = '';
    this.token = '';
    this.room = '';
    this.ws = null;
    this.pc = null;
    this.localSid = '';
    this.trackSid = '';
    this.listenOnly = false;
    this.muted = false;
    this.participants = new Map(); // sid -> {identity, name, tracks}
    this.streams = new Map();      // participant sid -> MediaStream received from them
    this.captions = {user: null, agent: null}; // role -> {id, text, complete}: only the latest utterance of each
    this.agentStates = new Map();  // agent participant sid -> {identity, state}
    this.errors = [];
    this.audio = [];               // <audio> elements playing the room
    // Signaling messages are handled one at a time, in order, so an offer never overtakes the answer before it.
    this.queue = Promise.resolve();
  }

  emit(name, ...args) {
    const callback = this.options[name];
    if (callback) {
      callback(...args);
    }
  }

  setState(state, reason) {
    this.state = state;
    this.reason = reason || '';
    this.emit('onState', state, this.reason);
  }

  /** Joins the room that {@code token} names; {@code room} is only for display. */
  join(token, room) {
    this.token = token;
    this.room = room;
    this.setState('connecting');
    const ws = this.ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    ws.onopen = () => this.send({type: 'join', token: token});
    ws.onmessage = e => {
      const message = JSON.parse(e.data);
      this.queue = this.queue.then(() => this.handle(message)).catch(err => {
        this.errors.push(String(err));
        this.emit('onNotice', String(err));
      });
    };
    ws.onclose = () => this.end(this.state === 'ended' ? this.reason : 'signaling connection closed');
  }

  send(message) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(message));
    }
  }

  async microphone() {
    const audio = this.options.raw ? {echoCancellation: false, noiseSuppression: false, autoGainControl: false} : true;
    try {
      return await navigator.mediaDevices.getUserMedia({audio: audio});
    } catch (e) {
      // Speaker-only fallback: a missing or denied microphone must not stop the caller from hearing the room.
      this.emit('onNotice', 'No microphone (' + e.name + '): joined listen-only.');
      return null;
    }
  }

  async start(joined) {
    for (const p of joined.participants) {
      this.participants.set(p.sid, p);
    }
    this.emit('onParticipants', this);
    const pc = this.pc = new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
    pc.ontrack = e => this.play(e.streams[0]);
    pc.onconnectionstatechange = () => {
      const s = pc.connectionState;
      if (s === 'connected') {
        this.setState('connected');
      } else if (s === 'disconnected') {
        this.setState('reconnecting', 'media path interrupted');
      } else if (s === 'failed') {
        this.end('media connection failed');
      }
    };
    const mic = await this.microphone();
    if (mic) {
      mic.getTracks().forEach(track => pc.addTrack(track, mic));
    } else {
      this.listenOnly = true;
      pc.addTransceiver('audio', {direction: 'recvonly'});
    }
    this.emit('onMedia', this.listenOnly);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.send({type: 'offer', sdp: offer.sdp});
  }

  play(stream) {
    if (!stream) {
      return;
    }
    this.streams.set(stream.id, stream);
    let audio = this.audio.find(a => a.dataset.sid === stream.id);
    if (!audio) {
      audio = document.createElement('audio');
      audio.dataset.sid = stream.id;
      audio.autoplay = true;
      document.body.appendChild(audio);
      this.audio.push(audio);
    }
    audio.srcObject = stream;
    audio.play().catch(() => this.emit('onNotice', 'Tap anywhere to hear the room.'));
  }

  /** Retries playback after a user gesture (autoplay policies). */
  resume() {
    this.audio.forEach(a => a.play().catch(() => {}));
  }

  async handle(message) {
    const pc = this.pc;
    switch (message.type) {
      case 'joined':
        await this.start(message);
        break;
      case 'answer':
        await pc.setRemoteDescription({type: 'answer', sdp: message.sdp});
        break;
      case 'offer': {
        await pc.setRemoteDescription({type: 'offer', sdp: message.sdp});
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        this.send({type: 'answer', sdp: answer.sdp});
        break;
      }
      case 'local_participant':
        this.localSid = message.participant.sid;
        this.trackSid = message.participant.tracks.length ? message.participant.tracks[0].sid : '';
        this.participants.set(this.localSid, Object.assign({self: true}, message.participant));
        this.emit('onParticipants', this);
        this.emit('onLocal', message.participant);
        break;
      case 'participant_joined':
        this.participants.set(message.participant.sid, message.participant);
        this.emit('onParticipants', this);
        break;
      case 'participant_left':
        this.participants.delete(message.sid);
        this.streams.delete(message.sid);
        this.agentStates.delete(message.sid);
        this.audio.filter(a => a.dataset.sid === message.sid).forEach(a => a.remove());
        this.audio = this.audio.filter(a => a.dataset.sid !== message.sid);
        this.emit('onParticipants', this);
        break;
      case 'track_published':
      case 'track_unpublished':
      case 'muted':
        this.trackChanged(message);
        break;
      case 'caption':
        // The whole text of one utterance so far: a new id replaces the last caption, never appends to it.
        this.captions[message.role] = {id: message.id, text: message.text, complete: message.complete};
        this.emit('onCaption', message.role, this.captions[message.role]);
        break;
      case 'agent_state':
        this.agentStates.set(message.participantSid, {identity: message.identity, state: message.state});
        this.emit('onAgentState', message);
        break;
      case 'call_state':
        this.emit('onCallState', message);
        break;
      case 'active_speakers':
        this.emit('onSpeakers', new Set(message.speakers.map(s => s.sid)));
        break;
      case 'left':
        this.end(message.reason);
        break;
      case 'error':
        this.errors.push(message.code);
        this.emit('onNotice', message.code + ': ' + message.message);
        break;
    }
  }

  trackChanged(message) {
    const p = this.participants.get(message.participantSid);
    if (!p) {
      return;
    }
    const tracks = (p.tracks || []).filter(t => t.sid !== (message.trackSid || (message.track && message.track.sid)));
    if (message.type === 'track_published') {
      tracks.push(message.track);
    } else if (message.type === 'muted') {
      tracks.push({sid: message.trackSid, kind: 'audio', muted: message.muted, byServer: message.byServer});
      if (p.self) {
        this.muted = message.muted;
        this.emit('onMute', message.muted);
      }
    }
    p.tracks = tracks;
    this.emit('onParticipants', this);
  }

  toggleMute() {
    const muted = !this.muted;
    this.pc.getSenders().forEach(s => {
      if (s.track) {
        s.track.enabled = !muted;
      }
    });
    this.send({type: 'mute', trackSid: this.trackSid, muted: muted});
  }

  end(reason) {
    if (this.state === 'ended' && this.reason) {
      return;
    }
    this.setState('ended', reason);
    if (this.pc) {
      this.pc.getSenders().forEach(s => s.track && s.track.stop());
      this.pc.close();
    }
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) {
      this.ws.close();
    }
    this.audio.forEach(a => a.remove());
    this.audio = [];
  }

  leave() {
    this.send({type: 'leave'});
    this.end('you left');
  }
}

/** JSON over fetch with a bearer token (omitted when empty); throws Error('code: message') on an error answer. */
async function relayApi(method, path, token, body) {
  const headers = {'Content-Type': 'application/json'};
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  const response = await fetch(path, {method: method, headers: headers,
    body: body ? JSON.stringify(body) : undefined});
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = new Error(json.error ? json.error.code + ': ' + json.error.message : 'HTTP ' + response.status);
    error.status = response.status;
    error.code = json.error ? json.error.code : '';
    throw error;
  }
  return json;
}

/** A development token for {@code room} and {@code identity} (development keys only). */
async function relayDevToken(room, identity) {
  return (await relayApi('POST', '/api/dev/token', '', {room: room, identity: identity, name: identity})).token;
}
