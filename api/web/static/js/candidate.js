// Candidate join page: link check, device check with preview, consent, then the interview room.
"use strict";
(() => {
  const { api, $, show } = Interviewly;
  const LK = window.LivekitClient;
  // An HD camera's middle layer is the interviewer's: it reads the face twice a second (VIDEO_SAMPLE_FPS), so 10
  // frames a second (not livekit-client's 20) halves what its host decodes per interview. People watching subscribe to the
  // full layer (30 fps); a VGA camera has no middle layer and is read at its full rate.
  const CAMERA_LAYERS = [LK.VideoPresets.h180, new LK.VideoPreset(640, 360, 300000, 10)];
  const C = window.INTERVIEWLY_CONTRACT;
  const code = window.JOIN_CODE;
  // the states in which the candidate may enter the room (the API's words for each are shown as they are)
  const JOINABLE = new Set(["open", "waiting", "starting", "wait_over", "in_progress"]);
  let previewStream = null;
  let room = null;
  let joinedWith = null;  // the LiveKit token this page is in the room with
  let meterTimer = null;
  let waitTimer = null;

  const setState = (s) => { document.body.dataset.state = s; };
  function stop(headline, subline, kind = "") {
    $("#headline").textContent = headline;
    $("#subline").textContent = subline || "";
    $("#setup").hidden = true;
    $("#room").hidden = true;
    if (kind) show(subline, kind);
  }

  async function checkLink() {
    setState("checking");
    let info;
    try { info = await api(`/api/interview-links/${encodeURIComponent(code)}`, { auth: false }); }
    catch (e) {
      setState("invalid");
      if (e.status === 404) return stop("This interview link is not valid", "Check the link in your invitation, or ask the recruiter for a new one.");
      return stop("We could not load your interview", e.message);
    }
    const title = [info.job_title, info.company_name].filter(Boolean).join(" · ") || "Practice interview";
    $("#headline").textContent = title;
    $("#subline").textContent = `${info.duration_minutes} minutes · scheduled ${new Date(info.scheduled_at).toLocaleString()}`;
    // The API says where the interview stands and why, in words meant for the candidate.
    if (!JOINABLE.has(info.state)) {
      setState(info.state === "not_open_yet" ? "not-open" : "over");
      return stop(title, info.message);
    }
    if (info.rescheduled_from) {
      $("#subline").textContent += ` (moved from ${new Date(info.rescheduled_from).toLocaleString()})`;
    }
    renderConsent(info.consent);
    $("#setup").hidden = false;
    setState("setup");
    await checkDevices();
  }

  // The required agreement is the one checkbox (#consent); optional scopes (video analysis, recording) are their own
  // boxes, unticked until the candidate ticks them. What was shown is sent back with its version.
  let consentOffer = null;
  function renderConsent(offer) {
    consentOffer = offer;
    $("#consent-text").textContent = offer.text || "";
    const required = offer.scopes.filter((s) => s.required).map((s) => s.text);
    $("#consent-required-text").textContent = required.join(" ") || "I understand and agree";
    const box = $("#consent-optional");
    box.replaceChildren();
    for (const s of offer.scopes.filter((x) => !x.required)) {
      const label = document.createElement("label");
      label.className = "check";
      const input = document.createElement("input");
      input.type = "checkbox";
      input.id = `consent-${s.scope.replace(/_/g, "-")}`;
      input.dataset.scope = s.scope;
      label.append(input, " ", s.text);
      box.append(label);
    }
  }
  function consentGiven() {
    const scopes = consentOffer.scopes.filter((s) => s.required).map((s) => s.scope);
    document.querySelectorAll("#consent-optional input:checked").forEach((i) => scopes.push(i.dataset.scope));
    return { version: consentOffer.version, scopes };
  }

  async function checkDevices() {
    $("#retry-devices").hidden = true;
    try {
      previewStream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
    } catch (e) {
      const denied = e && (e.name === "NotAllowedError" || e.name === "SecurityError");
      $("#device-status").textContent = denied
        ? "Your browser blocked the camera or microphone. Allow both for this site (the camera icon in the address bar), then try again."
        : `No usable camera or microphone was found (${e.name || e}). Connect one and try again.`;
      $("#device-status").className = "notice error";
      $("#retry-devices").hidden = false;
      setState("devices-denied");
      return;
    }
    $("#preview").srcObject = previewStream;
    $("#device-status").textContent = "Camera and microphone are working.";
    $("#device-status").className = "notice ok";
    startMeter(previewStream);
    updateJoin();
  }

  function startMeter(stream) {
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(stream).connect(analyser);
    const buf = new Uint8Array(analyser.fftSize);
    meterTimer = setInterval(() => {
      analyser.getByteTimeDomainData(buf);
      let peak = 0;
      for (const v of buf) peak = Math.max(peak, Math.abs(v - 128));
      $("#mic-level").style.width = Math.min(100, (peak / 128) * 200) + "%";
    }, 100);
  }

  const updateJoin = () => { $("#join").disabled = !(previewStream && $("#consent").checked); };

  async function join() {
    $("#join").disabled = true;
    setState("joining");
    let grant;
    const body = { join_code: code, consent: consentGiven() };
    try { grant = await api("/api/livekit/token", { method: "POST", auth: false, body }); }
    // (a 409 says the interview is open on another device or tab: the message says so)
    catch (e) { setState("setup"); $("#join").disabled = false; return show(e.message, "error"); }
    clearInterval(meterTimer);
    previewStream.getTracks().forEach((t) => t.stop());
    room = new LK.Room({ adaptiveStream: true, dynacast: true, publishDefaults: { videoSimulcastLayers: CAMERA_LAYERS } });
    wireRoom(room);
    try {
      await room.connect(grant.url, grant.token);
      joinedWith = grant.token;
      // without consent to video analysis the interview is audio only (the token could not publish a camera)
      if (grant.camera === false) await room.localParticipant.setMicrophoneEnabled(true);
      else await room.localParticipant.enableCameraAndMicrophone();
      document.body.dataset.camera = grant.camera === false ? "off" : "on";
    } catch (e) { setState("setup"); $("#join").disabled = false; return show("Could not join: " + e.message, "error"); }
    const cam = room.localParticipant.getTrackPublication(LK.Track.Source.Camera);
    if (cam && cam.track) cam.track.attach($("#self-view"));
    $("#setup").hidden = true;
    $("#room").hidden = false;
    show("");
    setState("in-room");
    watchForInterviewer();
  }

  // Until an interviewer is in the room, the API says why not: on the way, or busy with the candidate's place in
  // line, or (past the wait limit) that they may try again.
  async function watchForInterviewer() {
    clearTimeout(waitTimer);
    if (!room || [...room.remoteParticipants.values()].some(isInterviewer)) { $("#waiting").hidden = true; return; }
    try {
      const info = await api(`/api/interview-links/${encodeURIComponent(code)}`, { auth: false });
      document.body.dataset.waiting = info.state;
      document.body.dataset.position = info.position ?? "";
      $("#waiting-text").textContent = info.message;
      $("#waiting").hidden = false;
      $("#try-again").hidden = info.state !== "wait_over";
    } catch (e) { $("#waiting-text").textContent = e.message; }
    waitTimer = setTimeout(watchForInterviewer, 3000);
  }

  async function tryAgain() {
    $("#try-again").hidden = true;
    // the token this page joined with shows that this is the connected candidate asking again, not a second join
    const body = { join_code: code, current_token: joinedWith };
    try { await api("/api/livekit/token", { method: "POST", auth: false, body }); }
    catch (e) { show(e.message, "error"); }
    watchForInterviewer();
  }

  const isAgent = (p) => p && p.identity && p.identity.startsWith(C.agentPrefix);
  // who the candidate sees and hears: the AI interviewer, or the people interviewing them
  const isInterviewer = (p) => isAgent(p) || (p && p.identity && p.identity.startsWith(C.panelistPrefix));

  const PHASES = { calibration: "Getting ready", greeting: "Introduction", consent: "Consent",
                   closing: "Wrapping up", ended: "Wrapping up",
                   note_taking: "Your interviewers are with you" };
  function renderProgress(p) {
    const a = p.attributes || {};
    const idx = a[C.attrQuestionIndex], total = a[C.attrQuestionTotal], phase = a[C.attrPhase];
    let text = PHASES[phase] || "The interviewer is getting ready…";
    if (phase === "question" && idx !== undefined && idx !== "") {
      text = `Question ${Number(idx) + 1}${total ? " of " + total : ""}`;
    }
    $("#question-progress").textContent = text;
    document.body.dataset.question = idx ?? "";
    document.body.dataset.phase = phase ?? "";
    showCalibration(phase === "calibration");
    if (a[C.attrCalibration]) document.body.dataset.calibration = a[C.attrCalibration];
  }

  // the agent measures where the candidate's screen is while they look at the interviewer tile
  let calibrationTimer = null;
  function showCalibration(on) {
    const box = $("#calibration");
    if (on === !box.hidden) return;
    box.hidden = !on;
    clearInterval(calibrationTimer);
    if (!on) return;
    let left = 3;
    $("#calibration-count").textContent = `${left}…`;
    calibrationTimer = setInterval(() => {
      left -= 1;
      $("#calibration-count").textContent = left > 0 ? `${left}…` : "";
      if (left <= 0) clearInterval(calibrationTimer);
    }, 1000);
  }

  function wireRoom(r) {
    r.on(LK.RoomEvent.TrackSubscribed, (track, pub, participant) => {
      if (!isInterviewer(participant)) return;
      if (track.kind === LK.Track.Kind.Audio) { const a = track.attach(); a.id = "agent-audio"; document.body.append(a); }
      if (track.kind === LK.Track.Kind.Video) { $("#agent-stage").replaceChildren(track.attach()); }
    });
    r.on(LK.RoomEvent.ParticipantConnected, (p) => {
      if (isAgent(p)) renderProgress(p);
      if (isInterviewer(p)) watchForInterviewer();
    });
    r.on(LK.RoomEvent.ParticipantAttributesChanged, (changed, p) => { if (isAgent(p)) renderProgress(p); });
    r.on(LK.RoomEvent.ActiveSpeakersChanged, (speakers) => {
      $("#agent-speaking").classList.toggle("speaking", speakers.some(isInterviewer));
    });
    // a practice interview's own delivery figures (the agent sends them to practising candidates only)
    r.on(LK.RoomEvent.DataReceived, (payload, participant, kind, topic) => {
      if (topic === C.selfTopic && isAgent(participant)) SelfFeedback.update(JSON.parse(new TextDecoder().decode(payload)));
    });
    r.registerTextStreamHandler("lk.transcription", async (reader, info) => {
      const text = await reader.readAll();
      if (info.identity && info.identity.startsWith(C.agentPrefix) && text.trim()) $("#caption").textContent = text;
    });
    r.on(LK.RoomEvent.Disconnected, () => {
      clearTimeout(waitTimer);
      setState("ended");
      stop("Thank you", "The interview has ended. You can close this page.");
    });
    r.remoteParticipants.forEach((p) => { if (isAgent(p)) renderProgress(p); });
  }

  $("#consent").addEventListener("change", updateJoin);
  $("#join").addEventListener("click", join);
  $("#retry-devices").addEventListener("click", checkDevices);
  $("#try-again").addEventListener("click", tryAgain);
  $("#leave").addEventListener("click", async () => { if (room) await room.disconnect(); });
  window.interviewlyCandidate = { get room() { return room; } };
  checkLink();
})();
