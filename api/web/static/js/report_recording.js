// The report page's recording: plays the interview in step with the timeline (a playhead) and the transcript (the
// line being spoken is marked); a click on a transcript line or on the timeline plays from there. The link the API
// gives is short-lived: when it has expired the player asks for a fresh one and carries on where it was.
"use strict";
const ReportRecording = (() => {
  const { recruiterApi, $ } = Interviewly;
  let video, offset = 0, plot = null, playhead = null, lines = [];

  // report time (seconds since the interview started) <-> the file's time
  const toFile = (t) => Math.max(0, t - offset);
  const toReport = (f) => f + offset;

  async function fetchLink(id) {
    try {
      return await recruiterApi(`/api/ats/v1/interviews/${id}/recording`);
    } catch (e) {
      if (e.status === 404) return null;  // not recorded (off for the company, or no consent)
      throw e;
    }
  }

  function seek(t) {
    if (!video || !video.src) return;
    video.currentTime = toFile(t);
    video.play().catch(() => {});  // autoplay rules may refuse without a gesture; the position is set anyway
  }

  function follow() {
    const t = toReport(video.currentTime);
    document.body.dataset.playbackT = t.toFixed(2);
    if (plot && playhead) {
      playhead.style.left = `${plot.valToPos(t, "x")}px`;
      playhead.hidden = false;
    }
    let current = null;
    for (const li of lines) if (Number(li.dataset.start) <= t + 0.05) current = li;
    for (const li of lines) li.classList.toggle("playing", li === current);
  }

  function attachTimeline(uplot) {
    plot = uplot;
    if (!video || !video.src || !plot) return;
    playhead = document.createElement("div");
    playhead.className = "playhead"; playhead.hidden = true;
    plot.over.appendChild(playhead);
    plot.over.addEventListener("click", (ev) => {
      const x = ev.clientX - plot.over.getBoundingClientRect().left;
      seek(plot.posToVal(x, "x"));
    });
    follow();
  }

  function attachTranscript() {
    lines = [...document.querySelectorAll("li[data-start]")];
    if (!video || !video.src) return;
    for (const li of lines) {
      li.classList.add("seekable");
      li.title = "Play the recording from here";
      li.tabIndex = 0;
    }
  }

  async function load(id) {
    video = $("#recording");
    const rec = await fetchLink(id);
    if (!rec) return false;
    $("#recording-card").hidden = false;
    if (rec.status !== "READY" || !rec.url) {
      $("#recording-status").textContent = rec.status === "FAILED" ? "The recording could not be kept."
        : "The recording is being finished; it appears here when it is ready.";
      return false;
    }
    offset = rec.media_offset_s || 0;
    video.src = rec.url;
    video.addEventListener("timeupdate", follow);
    video.addEventListener("seeked", follow);
    video.addEventListener("error", async () => {  // most likely the link expired: a new one, same place
      const at = video.currentTime, playing = !video.paused;
      const fresh = await fetchLink(id);
      if (!fresh || !fresh.url) return;
      video.src = fresh.url;
      video.addEventListener("loadedmetadata", () => { video.currentTime = at; if (playing) video.play().catch(() => {}); }, { once: true });
    });
    document.addEventListener("click", (ev) => {
      const li = ev.target.closest && ev.target.closest("li[data-start].seekable");
      if (li) seek(Number(li.dataset.start));
    });
    document.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && ev.target.matches && ev.target.matches("li[data-start].seekable")) seek(Number(ev.target.dataset.start));
    });
    $("#recording-status").textContent = "Click a line of the transcript, or a moment on the timeline, to play from there.";
    document.body.dataset.recording = "ready";
    return true;
  }

  return { load, attachTimeline, attachTranscript, seek };
})();
