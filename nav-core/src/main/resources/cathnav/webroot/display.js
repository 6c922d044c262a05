// CathNav web display: one WebSocket, latest-only. Each binary message is [u32 n][n bytes overlay JSON][image].
// The frame is drawn at display resolution; the overlay (detector pixels) is scaled onto it. Stale marking is
// computed here from the source frame's time stamp: older than two frame intervals means stale.
(function () {
  'use strict';
  const canvas = document.getElementById('frame');
  const ctx = canvas.getContext('2d');
  const box = document.getElementById('frame-box');
  const banner = document.getElementById('banner');
  const el = (id) => document.getElementById(id);
  let latest = null;      // newest message not yet drawn
  let drawing = false;
  let shown = null;       // overlay JSON of the frame on screen
  let framesShown = 0;
  const TIP_STATE_TEXT = {
    confirmed: 'confirmed',
    unconfirmed: 'unconfirmed (tip?) - no readouts',
    stale: 'not current - no readouts',
    none: 'not found',
  };

  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') {
        const notice = JSON.parse(ev.data);
        if (notice.message) { el('message').textContent = notice.message; }
        return;
      }
      latest = ev.data;   // a newer frame replaces one not yet drawn
      if (!drawing) { drawLatest(); }
    };
    ws.onclose = () => { setTimeout(connect, 1000); };
  }

  function drawLatest() {
    const buf = latest;
    latest = null;
    if (!buf) { drawing = false; return; }
    drawing = true;
    const view = new DataView(buf);
    const n = view.getUint32(0);
    const overlay = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, n)));
    const blob = new Blob([new Uint8Array(buf, 4 + n)]);
    createImageBitmap(blob).then((bitmap) => {
      render(overlay, bitmap);
      bitmap.close();
      drawLatest();
    }, () => drawLatest());
  }

  function render(o, bitmap) {
    if (canvas.width !== o.displayWidth || canvas.height !== o.displayHeight) {
      canvas.width = o.displayWidth;
      canvas.height = o.displayHeight;
    }
    ctx.drawImage(bitmap, 0, 0);
    // detector pixel u (centre at integer u) lands at canvas x = (u + 0.5) * scale
    const sx = o.displayWidth / o.width;
    const sy = o.displayHeight / o.height;
    const X = (u) => (u + 0.5) * sx;
    const Y = (v) => (v + 0.5) * sy;
    for (const s of o.shapes) {
      ctx.strokeStyle = s.colour;
      ctx.fillStyle = s.colour;
      ctx.lineWidth = s.role === 'LV_SILHOUETTE' ? 3 : 2;
      if (s.kind === 'polygon' || s.kind === 'polyline') {
        ctx.beginPath();
        ctx.moveTo(X(s.uv[0]), Y(s.uv[1]));
        for (let i = 2; i < s.uv.length; i += 2) { ctx.lineTo(X(s.uv[i]), Y(s.uv[i + 1])); }
        if (s.kind === 'polygon') { ctx.closePath(); }
        if (s.filled) { ctx.fill(); } else { ctx.stroke(); }
      } else if (s.kind === 'marker' && s.role === 'LEAD_TIP_UNCONFIRMED') {
        // a tip the detector has not confirmed: dashed open ring (its "tip?" label is a shape of its own)
        ctx.beginPath();
        ctx.setLineDash([4, 3]);
        ctx.arc(X(s.u), Y(s.v), Math.max(3, s.radius * sx), 0, 2 * Math.PI);
        ctx.stroke();
        ctx.setLineDash([]);
      } else if (s.kind === 'marker') {
        ctx.beginPath();
        ctx.arc(X(s.u), Y(s.v), Math.max(3, s.radius * sx), 0, 2 * Math.PI);
        ctx.fill();
      } else if (s.kind === 'label') {
        ctx.font = '14px sans-serif';
        ctx.fillText(s.text, X(s.u), Y(s.v));
      }
    }
    shown = o;
    framesShown++;
    const r = o.readouts;
    // segment and distance come only from a confirmed tip; a display of an older service has no tipState
    const tipState = r.tipState || 'none';
    const withheld = tipState === 'unconfirmed' || tipState === 'stale';
    el('tip-state').textContent = TIP_STATE_TEXT[tipState] || tipState;
    el('tip-state').className = 'tip-' + tipState;
    el('segment').textContent = r.segmentUnderTip > 0 ? String(r.segmentUnderTip) : withheld ? 'withheld' : '-';
    el('target').textContent = r.targetSegment > 0 ? String(r.targetSegment) : '-';
    el('distance').textContent = (r.distanceToTargetMm === null ? (withheld ? 'withheld' : '-')
        : r.distanceToTargetMm.toFixed(1) + ' mm')
        + (r.tipConstraint && r.tipConstraint !== 'none' ? ' (tip ' + r.tipConstraint + ')' : '');
    el('confidence').textContent = (100 * r.confidence).toFixed(0) + ' %';
    el('pose-age').textContent = r.poseAgeMs.toFixed(0) + ' ms';
    el('latency').textContent = r.latencyMs.toFixed(1) + ' ms';
    el('backend').textContent = r.backend + (r.backendFallback ? ' (fallback)' : '');
    el('message').textContent = r.message;
    el('frames').textContent = String(framesShown);
    updateState();
  }

  // Runs on every frame and on a timer, so a display whose source went quiet turns stale by itself.
  function updateState() {
    if (!shown) { return; }
    const age = Date.now() - shown.tsMs;
    const stale = age > 2 * Math.max(shown.intervalMs, 1);
    const state = stale ? 'STALE' : shown.state;
    el('frame-age').textContent = age.toFixed(0) + ' ms';
    el('state').textContent = state;
    el('state').className = state;
    box.className = state.toLowerCase();
    document.body.dataset.state = state;
    if (state === 'LOST') {
      showBanner('REGISTRATION LOST - overlay hidden until re-registration', false);
    } else if (state === 'STALE') {
      showBanner('STALE - no new frame for ' + age.toFixed(0) + ' ms', false);
    } else if (state === 'UNRELIABLE') {
      // amber: low confidence, not yet verified, or the C-arm moving; the message below says which and what it waits for
      showBanner('NOT VERIFIED - do not rely on the overlay or its readouts', true);
    } else if (shown.readouts.backendFallback) {
      showBanner('compute backend fell back to ' + shown.readouts.backend, true);
    } else {
      banner.className = 'hidden';
    }
  }

  function showBanner(text, amber) {
    banner.textContent = text;
    banner.className = amber ? 'amber' : '';
  }

  // The loaded model's name says what the anatomy is (for example a demo model from another patient); it changes
  // only when a model is loaded, so /health is polled slowly rather than carried in every frame.
  function refreshModel() {
    fetch('/health').then((r) => r.json()).then((h) => { el('model').textContent = h.model || '-'; })
      .catch(() => {});
  }

  setInterval(updateState, 50);
  setInterval(refreshModel, 5000);
  refreshModel();
  connect();
})();
