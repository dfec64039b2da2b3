// Time-series charts (uPlot) shared by the live page and the report.
"use strict";
const Charts = (() => {
  // A4 with 12 mm margins leaves ~700 CSS px: a chart drawn wider would be cut off on paper
  const PRINT_WIDTH = 680;
  const widthOf = (target) => Math.max(300, target.clientWidth || 500);
  const clock = (s) => { const v = Math.max(0, Math.round(s)); return `${Math.floor(v / 60)}:${String(v % 60).padStart(2, "0")}`; };

  // Redraw at the paper's width when printing (and back after), so no chart is cut off on an A4 page.
  function fitForPrint(plot, target, height) {
    const fit = (printing) => plot.setSize({ width: printing ? Math.min(PRINT_WIDTH, widthOf(target)) : widthOf(target), height });
    const mq = window.matchMedia("print");
    mq.addEventListener("change", (e) => fit(e.matches));
    window.addEventListener("beforeprint", () => fit(true));
    window.addEventListener("afterprint", () => fit(false));
    window.addEventListener("resize", () => { if (!mq.matches) fit(false); });
  }

  function lineChart(target, seriesSpec, { yRange } = {}) {
    const data = [[], ...seriesSpec.map(() => [])];
    const opts = {
      width: widthOf(target), height: 160,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : {} },
      axes: [{ label: "time (m:ss)", values: (u, vals) => vals.map(clock) }, {}],
      series: [{ label: "time", value: (u, v) => (v === null ? "–" : clock(v)) },
        ...seriesSpec.map((s) => ({ label: s.label, stroke: s.color, width: 2 }))],
      legend: { show: true },
    };
    const plot = new uPlot(opts, data, target);
    fitForPrint(plot, target, 160);
    return {
      push(x, ...ys) {
        data[0].push(x);
        ys.forEach((y, i) => data[i + 1].push(y === undefined ? null : y));
        plot.setData(data);
      },
      set(xs, ...cols) { data[0] = xs; cols.forEach((c, i) => (data[i + 1] = c)); plot.setData(data); },
      get length() { return data[0].length; },
    };
  }

  // Stretches shaded behind the series: [start, end, colour].
  function shade(u, stretches) {
    const { ctx, bbox } = u;
    ctx.save();
    for (const [a, b, colour] of stretches) {
      const x0 = u.valToPos(a, "x", true), x1 = u.valToPos(b, "x", true);
      ctx.fillStyle = colour;
      ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
    }
    ctx.restore();
  }

  // the seconds without the face (row t covers the second before it)
  const faceAway = (t, face) => t.flatMap((x, i) => (face[i] === 0 ? [[x - 1, x, "rgba(180, 35, 24, 0.14)"]] : []));

  // Each question's start: a dashed line on the chart and a link above it to the question's transcript.
  function mark(u, questions, marks) {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.strokeStyle = "#344054";
    ctx.setLineDash([4, 4]);
    const offset = u.over.getBoundingClientRect().left - marks.getBoundingClientRect().left;
    marks.replaceChildren(...questions.map((q) => {
      const x = u.valToPos(q.start, "x", true);
      ctx.beginPath(); ctx.moveTo(x, bbox.top); ctx.lineTo(x, bbox.top + bbox.height); ctx.stroke();
      const link = document.createElement("a");
      link.className = "q-mark"; link.href = `#q-${q.index}`; link.dataset.q = String(q.index);
      link.textContent = `Q${q.index + 1}`; link.title = q.title || "";
      link.style.left = `${offset + u.valToPos(q.start, "x")}px`;
      return link;
    }));
    ctx.restore();
  }

  // One chart for a whole interview: face in view and eye contact each second (0-100 %), the candidate's speech
  // rate per answer (syllables/s, right axis); the interviewer's turns shaded blue, the seconds without the face
  // red; question starts marked and linked.
  function timeline(target, { t, face, eye, rate, turns, questions, hideDelivery }) {
    const height = 220;
    const marks = document.createElement("div");
    marks.className = "q-marks";
    const canvas = document.createElement("div");
    target.replaceChildren(marks, canvas);
    const pct = (u, v) => (v === null || v === undefined ? "–" : Math.round(v * 100) + "%");
    const series = [{ label: "time", value: (u, v) => (v === null ? "–" : clock(v)) },
      { label: "face in view", stroke: "#98a2b3", width: 1, dash: [3, 3], points: { show: false },
        paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => (v === null || v === undefined ? "–" : v ? "yes" : "no") }];
    const data = [t, face];
    const axes = [{ label: "time (m:ss)", values: (u, vals) => vals.map(clock) },
      { scale: "y", values: (u, vals) => vals.map((v) => Math.round(v * 100) + "%"), size: 48 }];
    if (!hideDelivery) {
      series.push({ label: "eye contact", stroke: "#3056d3", width: 1.5, value: pct, points: { show: false } },
        { label: "speech rate (syl/s)", stroke: "#b54708", width: 2, scale: "rate", paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: false },
          value: (u, v) => (v === null || v === undefined ? "–" : v.toFixed(1)) });
      data.push(eye, rate);
      axes.push({ scale: "rate", side: 1, label: "syl/s", grid: { show: false }, size: 44 });
    }
    const opts = {
      width: widthOf(target), height,
      scales: { x: { time: false }, y: { range: [0, 1] }, rate: { range: [0, 8] } },
      axes, series, legend: { show: true }, cursor: { drag: { x: false, y: false } },
      hooks: {
        drawClear: [(u) => shade(u, [...turns.map(([a, b]) => [a, b, "rgba(48, 86, 211, 0.10)"]), ...faceAway(t, face)])],
        draw: [(u) => mark(u, questions, marks)],
      },
    };
    const plot = new uPlot(opts, data, canvas);
    fitForPrint(plot, target, height);
    return plot;
  }

  return { lineChart, timeline, clock };
})();
