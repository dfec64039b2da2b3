// Pipeline dashboards (company or one job): bar charts drawn with the vendored uPlot. Every bar is named on its
// axis and carries its number above it, so nothing depends on colour; hovering a bar shows its figures.
"use strict";
const Dashboard = (() => {
  const { recruiterApi, el } = Interviewly;
  const STAGE_NAMES = { APPLIED: "Applied", SCREENING: "Screening", SHORTLISTED: "Shortlisted",
    INTERVIEW_SCHEDULED: "Interview", OFFERED: "Offered", HIRED: "Hired" };
  const OUTCOME_NAMES = { COMPLETED: "Completed", NO_SHOW: "No-show", INTERRUPTED: "Interrupted", SCHEDULED: "Scheduled",
    CANCELLED: "Cancelled", DECLINED: "Declined", IN_PROGRESS: "In progress" };
  const iso = (d) => d.toISOString().slice(0, 10);
  const duration = (h) => (h === null || h === undefined ? "–" : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`);

  // One bar per category. `tip(i)` is the hover text; `label(i)` the figure printed above bar i.
  function barChart(target, { labels, values, tip, label, yLabel }) {
    target.replaceChildren();
    const width = Math.max(280, target.clientWidth || 420);
    const xs = labels.map((_, i) => i);
    const top = Math.max(1, ...values.map((v) => v || 0));
    const tooltip = el("div", { class: "chart-tip", role: "status", "aria-live": "polite" });
    tooltip.hidden = true;
    const drawFigures = (u) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
      ctx.fillStyle = "#1d2330";
      ctx.textAlign = "center";
      const line = 14 * devicePixelRatio;
      values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        const x = u.valToPos(i, "x", true), y = u.valToPos(v, "y", true);
        // one or two lines above the bar (a count, and for the funnel its conversion)
        [].concat(label(i)).reverse().forEach((text, k) => ctx.fillText(text, x, y - 6 * devicePixelRatio - k * line));
      });
      ctx.restore();
    };
    const opts = {
      width, height: 220,
      legend: { show: false },
      cursor: { points: { show: false }, y: false, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.6, labels.length - 0.4] }, y: { range: [0, top * 1.35] } },
      axes: [
        { splits: () => xs, values: (u, splits) => splits.map((i) => labels[i] ?? ""), gap: 4, size: 40,
          grid: { show: false }, font: "12px system-ui, sans-serif" },
        { label: yLabel || "", size: 50, font: "12px system-ui, sans-serif" },
      ],
      series: [{}, { label: yLabel || "", fill: "rgba(48, 86, 211, 0.55)", stroke: "#1d3a9a", width: 1,
        paths: uPlot.paths.bars({ size: [0.7, 64] }), points: { show: false } }],
      hooks: {
        draw: [drawFigures],
        setCursor: [(u) => {
          const i = u.cursor.idx;
          if (i === null || i === undefined || u.cursor.left < 0) { tooltip.hidden = true; return; }
          tooltip.textContent = tip(i);
          tooltip.hidden = false;
          tooltip.style.left = `${Math.min(u.cursor.left + 60, width - 200)}px`;
          tooltip.style.top = "8px";
        }],
      },
    };
    const plot = new uPlot(opts, [xs, values.map((v) => (v === null || v === undefined ? null : v))], target);
    target.append(tooltip);
    target.dataset.ready = "1";
    target.uplot = plot;  // for tests and the console
    return plot;
  }

  function card(id, title, note) {
    return el("section", { class: "card chart-card" }, el("h2", { text: title }),
      el("p", { class: "muted small", text: note }), el("div", { class: "bar-chart", id }));
  }

  function render(root, d) {
    const charts = el("div", { class: "dash-grid" },
      card("chart-funnel", "Funnel", "Applications that reached each stage; hover for the conversion from the stage before."),
      card("chart-times", "Median time in stage", "From entering a stage to leaving it (stays still open are not counted)."),
      card("chart-sources", "Sources", "How applications came in."),
      card("chart-scores", "Screening scores", `Applications per score band (not screened yet: ${d.unscored}).`),
      card("chart-ai", "AI interviews", "AI interviews scheduled in the range, by outcome."),
      card("chart-week", "The coming week", "Interviews booked per day, next 7 days."));
    root.querySelector(".dash-charts").replaceChildren(charts);
    root.querySelector(".dash-total").textContent =
      `${d.applications} application${d.applications === 1 ? "" : "s"} created ${d.start} – ${d.end} · ${d.rejected} rejected`;

    const f = d.funnel;
    barChart(root.querySelector("#chart-funnel"), {
      labels: f.map((s) => STAGE_NAMES[s.stage]), values: f.map((s) => s.reached), yLabel: "applications",
      label: (i) => (f[i].conversion === null ? `${f[i].reached}` : [`${f[i].reached}`, `${Math.round(f[i].conversion * 100)}%`]),
      tip: (i) => `${STAGE_NAMES[f[i].stage]}: ${f[i].reached} reached, ${f[i].current} there now` +
        (f[i].conversion === null ? "" : `, ${(f[i].conversion * 100).toFixed(1)}% of the stage before`),
    });
    const t = d.time_in_stage;
    barChart(root.querySelector("#chart-times"), {
      labels: t.map((s) => STAGE_NAMES[s.stage]), values: t.map((s) => s.median_hours), yLabel: "hours",
      label: (i) => duration(t[i].median_hours),
      tip: (i) => `${STAGE_NAMES[t[i].stage]}: median ${duration(t[i].median_hours)} over ${t[i].stays} stays`,
    });
    const src = d.sources, srcNames = { APPLIED: "Applied", IMPORTED: "Imported", MANUAL: "Added by hand" };
    barChart(root.querySelector("#chart-sources"), {
      labels: src.map((s) => srcNames[s.name] || s.name), values: src.map((s) => s.count), yLabel: "applications",
      label: (i) => `${src[i].count}`, tip: (i) => `${srcNames[src[i].name] || src[i].name}: ${src[i].count}`,
    });
    const sc = d.scores;
    barChart(root.querySelector("#chart-scores"), {
      labels: sc.map((b) => `${b.low}–${b.high}`), values: sc.map((b) => b.count), yLabel: "applications",
      label: (i) => (sc[i].count ? `${sc[i].count}` : ""), tip: (i) => `score ${sc[i].low}–${sc[i].high}: ${sc[i].count}`,
    });
    const ai = d.ai_interviews;
    barChart(root.querySelector("#chart-ai"), {
      labels: ai.map((o) => OUTCOME_NAMES[o.name] || o.name), values: ai.map((o) => o.count), yLabel: "interviews",
      label: (i) => `${ai[i].count}`, tip: (i) => `${OUTCOME_NAMES[ai[i].name] || ai[i].name}: ${ai[i].count}`,
    });
    const days = [], counts = Object.fromEntries(d.upcoming_days.map((x) => [x.day, x.count]));
    for (let k = 0; k < 7; k++) days.push(iso(new Date(Date.now() + k * 86400000)));
    barChart(root.querySelector("#chart-week"), {
      labels: days.map((x) => {
        const day = new Date(x + "T00:00:00Z");
        return `${day.toLocaleDateString(undefined, { weekday: "short", timeZone: "UTC" })} ${day.getUTCDate()}`;
      }),
      values: days.map((x) => counts[x] || 0), yLabel: "interviews",
      label: (i) => `${counts[days[i]] || 0}`, tip: (i) => `${days[i]}: ${counts[days[i]] || 0} interview(s)`,
    });
    const list = root.querySelector(".dash-upcoming");
    list.replaceChildren(...d.upcoming.map((u) => el("li", {},
      el("strong", { text: new Date(u.scheduled_at).toLocaleString() }), ` · ${u.candidate_name} · ${u.job_title} · ${u.kind}`)));
    if (!d.upcoming.length) list.replaceChildren(el("li", { class: "muted", text: "No interview in the coming week." }));
    root.dataset.loaded = "1";
  }

  async function load(root, url) {
    const start = root.querySelector("[name=start]").value, end = root.querySelector("[name=end]").value;
    const q = new URLSearchParams();
    if (start) q.set("start", start);
    if (end) q.set("end", end);
    root.dataset.loaded = "";
    render(root, await recruiterApi(`${url}?${q}`));
  }

  function mount(root, url) {
    const today = new Date();
    const form = el("form", { class: "dash-filter" },
      el("label", {}, "From ", el("input", { type: "date", name: "start", value: iso(new Date(today - 90 * 86400000)) })),
      el("label", {}, "To ", el("input", { type: "date", name: "end", value: iso(new Date(+today + 7 * 86400000)) })),
      el("button", { type: "submit", text: "Apply" }), el("span", { class: "muted dash-total" }));
    form.addEventListener("submit", (e) => { e.preventDefault(); load(root, url).catch(report); });
    root.replaceChildren(form, el("div", { class: "dash-charts" }),
      el("section", { class: "card" }, el("h2", { text: "Upcoming interviews" }), el("ul", { class: "dash-upcoming" })));
    const report = (e) => { if (e.message !== "signed out") Interviewly.show(e.message, "error"); };
    load(root, url).catch(report);
    document.addEventListener("interviewly:imported", () => load(root, url).catch(report));
  }

  return { mount, barChart };
})();
