// The pairing page: a phone exchanges a one-time code (typed, or from the QR code's ?code=) and its name for a
// device token (docs/protocol.md, "Phone pairing and devices"), kept in this browser's localStorage for the dashboard.
'use strict';

const $ = id => document.getElementById(id);
const DEVICE_TOKEN = 'relay.deviceToken';

// Pairing state, also read by the end-to-end tests.
const pairing = window.relayPair = {state: 'idle', deviceId: '', error: ''};

function showPaired() {
  $('pair-form').hidden = true;
  $('paired').hidden = false;
}

async function pair(event) {
  event.preventDefault();
  $('pair').disabled = true;
  pairing.state = 'pairing';
  $('message').textContent = 'Pairing…';
  try {
    const credentials = await relayApi('POST', '/api/pairing/exchange', '',
      {code: $('code').value.trim(), deviceName: $('device-name').value.trim()});
    localStorage.setItem(DEVICE_TOKEN, credentials.token);
    pairing.deviceId = credentials.deviceId;
    pairing.state = 'paired';
    $('message').textContent = '';
    showPaired();
  } catch (e) {
    pairing.state = 'failed';
    pairing.error = e.code || e.message;
    $('message').textContent = e.code === 'rate_limited' ? 'Too many attempts: wait a few minutes and try again.'
      : e.message;
    $('pair').disabled = false;
  }
}

$('pair-form').addEventListener('submit', pair);
$('forget').addEventListener('click', () => {
  localStorage.removeItem(DEVICE_TOKEN);
  $('paired').hidden = true;
  $('pair-form').hidden = false;
  $('pair').disabled = false;
});
$('code').value = new URLSearchParams(location.search).get('code') || '';
const phone = /Android|iPhone|iPad/.exec(navigator.userAgent);
$('device-name').value = phone ? phone[0] : '';
if (localStorage.getItem(DEVICE_TOKEN) && !$('code').value) {
  showPaired();
}
