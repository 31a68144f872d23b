// The licence charts of the portal, drawn with Chart.js from the figures the page carries as JSON
// (<script type="application/json">) beside each <canvas data-chart="id-of-the-json">. The server
// writes every label and period in the business time zone; the occupancy line's time axis gets the
// zone's name and writes its hours in it. The legend and the tooltip are HTML beside the canvas:
// the legend's entries are buttons that show or hide their series, and both wrap on a phone.
import {
  BarController, BarElement, CategoryScale, Chart, Interaction, Legend, LinearScale, LineController, LineElement, PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

const COLOURS = { inUse: '#1f6feb', peak: '#4f7fc9', refusals: '#c62828', licensed: '#7a3fb0', grid: '#e3e7ec', ink: '#4a5663' };
const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 };

Chart.defaults.font = FONT;
Chart.defaults.color = COLOURS.ink;
Chart.defaults.animation = false;

/** The licensed line's number at its right end, in its colour, on a light box so that bars do not hide it. */
const endLabel = {
  id: 'endLabel',
  afterDatasetsDraw(chart) {
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (!dataset.endLabel || meta.hidden || !meta.data.length) return;
      const last = meta.data[meta.data.length - 1];
      const { ctx, chartArea } = chart;
      const text = dataset.endLabel;
      ctx.save();
      ctx.font = `600 ${FONT.size}px ${FONT.family}`;
      const width = ctx.measureText(text).width + 8;
      const x = chartArea.right - width - 2;
      const above = last.y - 18 >= chartArea.top;
      const y = above ? last.y - 18 : last.y + 4;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillRect(x, y, width, 15);
      ctx.fillStyle = dataset.borderColor;
      ctx.textBaseline = 'top';
      ctx.fillText(text, x + 4, y + 2);
      ctx.restore();
    });
  },
};

/** The legend as a list of buttons above the chart, built from the chart's own legend items. */
function htmlLegend(chart, list) {
  const items = chart.options.plugins.legend.labels.generateLabels(chart);
  items.sort((a, b) => a.datasetIndex - b.datasetIndex).forEach((item) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chart-series';
    button.setAttribute('aria-pressed', String(!item.hidden));
    const dataset = chart.data.datasets[item.datasetIndex];
    const line = (dataset.type || chart.config.type) === 'line';
    const swatch = document.createElement('span');
    swatch.className = 'swatch' + (line ? ' line' : '') + (item.lineDash && item.lineDash.length ? ' dashed' : '');
    swatch.style.borderColor = item.strokeStyle;
    swatch.style.backgroundColor = line ? 'transparent' : item.fillStyle;
    swatch.setAttribute('aria-hidden', 'true');
    button.append(swatch, document.createTextNode(item.text));
    button.addEventListener('click', () => {
      const shown = !chart.isDatasetVisible(item.datasetIndex);
      chart.setDatasetVisibility(item.datasetIndex, shown);
      chart.update();
      button.setAttribute('aria-pressed', String(shown));
    });
    li.append(button);
    list.append(li);
  });
}

/** Chart.js's tooltip, written into an element of the page and kept inside the figure's width. */
function htmlTooltip(box) {
  return (context) => {
    const { chart, tooltip } = context;
    if (tooltip.opacity === 0) {
      box.hidden = true;
      return;
    }
    box.replaceChildren();
    (tooltip.title || []).forEach((line) => {
      const title = document.createElement('strong');
      title.textContent = line;
      box.append(title);
    });
    tooltip.dataPoints.forEach((point, i) => {
      const row = document.createElement('div');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      swatch.style.backgroundColor = tooltip.labelColors[i].borderColor;
      row.append(swatch, document.createTextNode(tooltip.body[i].lines.join(' ')));
      box.append(row);
    });
    box.hidden = false;
    const width = box.offsetWidth;
    const room = chart.canvas.parentNode.clientWidth;
    const left = Math.max(0, Math.min(room - width, tooltip.caretX - width / 2));
    box.style.left = `${left}px`;
    box.style.top = `${Math.max(0, tooltip.caretY - box.offsetHeight - 10)}px`;
  };
}

function scales(extra) {
  return {
    x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 }, ...extra },
    y: { beginAtZero: true, grid: { color: COLOURS.grid }, ticks: { precision: 0 }, grace: 1 },
  };
}

function licensedLine(data, licensed) {
  return {
    type: 'line', label: 'Licensed', data, endLabel: `Licensed ${licensed}`, borderColor: COLOURS.licensed,
    backgroundColor: COLOURS.licensed, borderWidth: 2, borderDash: [6, 4], pointRadius: 0, pointHoverRadius: 0, order: 0,
  };
}

/**
 * What a step line shows at the pointer: the last change of the first series at or before the
 * pointer's time (not the nearest change, which may lie ahead). The chart keeps the time pointed at.
 */
Interaction.modes.step = (chart, event) => {
  const { chartArea } = chart;
  if (!chart.isDatasetVisible(0) || event.x < chartArea.left || event.x > chartArea.right) return [];
  const at = chart.scales.x.getValueForPixel(event.x);
  const points = chart.data.datasets[0].data;
  let index = -1;
  for (let i = 0; i < points.length && points[i].x <= at; i++) index = i;
  if (index < 0) return [];
  chart.$pointedAt = at;
  return [{ element: chart.getDatasetMeta(0).data[index], datasetIndex: 0, index }];
};

/** The tooltip beside the pointer, at the height of the value. */
Tooltip.positioners.pointer = (items, position) => (items.length ? { x: position.x, y: items[0].element.y } : false);

/** The occupancy of the last 24 hours as a step line on a time axis, with the licensed count. */
function occupancy(figures) {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: figures.zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const moment = new Intl.DateTimeFormat('en-GB', {
    timeZone: figures.zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const points = figures.points.map(([x, y]) => ({ x, y }));
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'In use', data: points, stepped: 'before', borderColor: COLOURS.inUse, backgroundColor: COLOURS.inUse,
          borderWidth: 2, pointRadius: 0, pointHitRadius: 6, order: 1,
        },
        licensedLine([{ x: figures.from, y: figures.licensed }, { x: figures.to, y: figures.licensed }], figures.licensed),
      ],
    },
    options: {
      parsing: false,
      scales: scales({
        type: 'linear', min: figures.from, max: figures.to,
        // A tick at every full hour, written in the business time zone.
        afterBuildTicks: (axis) => {
          const ticks = [];
          for (let t = Math.ceil(figures.from / 3600000) * 3600000; t <= figures.to; t += 3600000) ticks.push({ value: t });
          axis.ticks = ticks;
        },
        ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 16, callback: (value) => hour.format(value) },
      }),
      interaction: { mode: 'step', intersect: false },
      plugins: {
        tooltip: {
          position: 'pointer',
          callbacks: {
            title: (items) => (items.length ? moment.format(items[0].chart.$pointedAt) : ''),
            label: (item) => `${item.dataset.label}: ${item.parsed.y}`,
          },
        },
      },
    },
  };
}

/** Peaks and refusals per hour or day as bars side by side, with the licensed count of each period. */
function bars(figures) {
  const rows = figures.rows;
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: 'Peak in use', data: rows.map((r) => r.peak), backgroundColor: COLOURS.peak, borderColor: COLOURS.peak, order: 1 },
        { label: 'Refusals', data: rows.map((r) => r.refusals), backgroundColor: COLOURS.refusals, borderColor: COLOURS.refusals, order: 2 },
        { ...licensedLine(rows.map((r) => r.licensed), rows.length ? rows[rows.length - 1].licensed : 0), stepped: 'middle' },
      ],
    },
    options: {
      scales: scales({}),
      interaction: { mode: 'index', intersect: false },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? rows[items[0].dataIndex].name : ''),
            label: (item) => `${item.dataset.label}: ${item.parsed.y}`,
          },
        },
      },
    },
  };
}

function draw(canvas) {
  const source = document.getElementById(canvas.dataset.chart);
  if (!source) return;
  const figures = JSON.parse(source.textContent);
  const config = figures.kind === 'occupancy' ? occupancy(figures) : bars(figures);
  const area = canvas.parentNode;
  const tooltipBox = document.createElement('div');
  tooltipBox.className = 'chart-tooltip';
  tooltipBox.hidden = true;
  tooltipBox.setAttribute('aria-hidden', 'true'); // the table and the summary say the same to a screen reader
  area.append(tooltipBox);
  const legend = document.createElement('ul');
  legend.className = 'chart-legend';
  legend.setAttribute('aria-label', 'Series (show or hide)');
  area.before(legend);
  config.options = {
    ...config.options,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      ...config.options.plugins,
      legend: { display: false },
      tooltip: {
        ...config.options.plugins.tooltip,
        enabled: false,
        external: htmlTooltip(tooltipBox),
        itemSort: (a, b) => a.datasetIndex - b.datasetIndex,
      },
    },
  };
  config.plugins = [endLabel];
  const chart = new Chart(canvas, config);
  htmlLegend(chart, legend);
  canvas.closest('figure').classList.add('drawn');
}

function drawAll() {
  document.querySelectorAll('canvas[data-chart]').forEach(draw);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', drawAll);
} else {
  drawAll();
}
