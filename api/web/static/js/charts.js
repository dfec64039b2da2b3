// Time-series charts (uPlot) shared by the live page and the report.
"use strict";
const Charts = (() => {
  function lineChart(target, seriesSpec, { yRange } = {}) {
    const width = Math.max(300, target.clientWidth || 500);
    const data = [[], ...seriesSpec.map(() => [])];
    const opts = {
      width, height: 160,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : {} },
      axes: [{ label: "seconds" }, {}],
      series: [{ label: "t (s)" }, ...seriesSpec.map((s) => ({ label: s.label, stroke: s.color, width: 2 }))],
      legend: { show: true },
    };
    const plot = new uPlot(opts, data, target);
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
  return { lineChart };
})();
