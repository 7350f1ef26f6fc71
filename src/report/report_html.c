/* src/report/report_html.c
 *
 * report.html: one self-contained page (inline CSS, plots as PNG data URIs,
 * no external resources and no links) for a trial designer. Top to bottom:
 * the trial's name, reference and key facts; the endpoints per arm with
 * their 95 % confidence intervals and, when given, the published values and
 * differences (the relapse endpoint with who entered and its definition);
 * the arms with their regimens, failures, dropouts and adverse events; the
 * adverse events by type with exposure-adjusted rates; the figures; the published-versus-simulated
 * table; and a footer with the version, seed, threads and run time (the only place those two
 * appear, so trial.json stays identical across thread counts).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/economics.h>
#include <psorsim/treatment.h>

#include "report/plot_impl.h"
#include "report/report_impl.h"

static const char page_css[] =
    ":root{--ink:#1f2328;--muted:#6a737d;--line:#e6e8eb;--good:#009E73;--off:#D55E00}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f5f7;color:var(--ink);"
    "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}"
    "main{max-width:980px;margin:0 auto;padding:32px 20px 40px}"
    ".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);"
    "margin:0}"
    "h1{font-size:28px;line-height:1.2;margin:6px 0 6px}"
    ".ref{color:var(--muted);font-style:italic;margin:0}"
    ".note{margin:8px 0 0}"
    ".facts{display:flex;flex-wrap:wrap;gap:10px 32px;margin:20px 0 0}"
    ".facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}"
    ".facts dd{margin:0;font-size:20px;font-weight:600}"
    "section{background:#fff;border:1px solid var(--line);border-radius:10px;"
    "padding:20px 24px;margin:22px 0}"
    "h2{font-size:18px;margin:0 0 4px}"
    ".sub{color:var(--muted);font-size:13px;margin:0 0 14px}"
    ".scroll{overflow-x:auto}"
    "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}"
    "th,td{padding:8px 10px;border-bottom:1px solid var(--line);text-align:right;"
    "vertical-align:top}"
    "th:first-child,td:first-child{text-align:left}"
    "thead th{font-size:13px;color:var(--muted);font-weight:600;border-bottom:2px solid "
    "var(--line)}"
    "td.regimen{text-align:left;font-size:13px;max-width:380px}"
    ".sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;"
    "vertical-align:-1px}"
    ".est{font-weight:600;font-size:16px}"
    ".ci,.obs{display:block;color:var(--muted);font-size:12px}"
    ".good{color:var(--good);font-weight:600}.off{color:var(--off);font-weight:600}"
    ".warn{border-left:4px solid var(--off);background:#fff7f0;padding:10px 14px;margin:16px 0 0}"
    "figure{margin:0}img{width:100%;height:auto;display:block}"
    "figcaption{color:var(--muted);font-size:13px;margin-top:6px}"
    "footer{color:var(--muted);font-size:12px;text-align:center;margin-top:28px}";

/* Text with the five HTML special characters escaped. */
static void html_text(FILE *fp, const char *s)
{
  for (; s != NULL && *s != '\0'; s++) {
    switch (*s) {
    case '&':
      fputs("&amp;", fp);
      break;
    case '<':
      fputs("&lt;", fp);
      break;
    case '>':
      fputs("&gt;", fp);
      break;
    case '"':
      fputs("&quot;", fp);
      break;
    case '\'':
      fputs("&#39;", fp);
      break;
    default:
      fputc(*s, fp);
    }
  }
}

/* The CSS colour of arm i (same palette as the plots). */
static void swatch(FILE *fp, size_t i)
{
  psr_rgb c = psr_palette(i);
  fprintf(fp, "<span class=\"sw\" style=\"background:#%02x%02x%02x\"></span>",
          (unsigned)lround(c.r * 255), (unsigned)lround(c.g * 255), (unsigned)lround(c.b * 255));
}

/* A quantity for people: "300 mg", "1.5&times;10<sup>6</sup> cells/kg". */
static void quantity(FILE *fp, psorsim_quantity q)
{
  if (q.unit == PSORSIM_UNIT_NONE) return;
  if (q.value >= 1e4) {
    int e = (int)floor(log10(q.value));
    fprintf(fp, "%g&times;10<sup>%d</sup>", q.value / pow(10.0, e), e);
  } else {
    fprintf(fp, "%g", q.value);
  }
  fputc(' ', fp);
  html_text(fp, psorsim_unit_name(q.unit));
}

/* A list of explicit times in weeks or days. */
static void times(FILE *fp, const psorsim_schedule *s)
{
  double div = s->times_in_weeks ? 7.0 : 1.0;
  fputs(s->times_in_weeks ? (s->n_at == 1 ? "week " : "weeks ") : (s->n_at == 1 ? "day " : "days "),
        fp);
  for (size_t k = 0; k < s->n_at && s->at_day != NULL; k++) {
    if (k == 8 && s->n_at > 10) {
      fprintf(fp, ", &hellip; (%zu in all)", s->n_at);
      break;
    }
    fprintf(fp, "%s%g", k > 0 ? ", " : "", s->at_day[k] / div);
  }
}

/* When an entry's doses happen, in the words of the trial file. */
static void schedule_text(FILE *fp, const psorsim_schedule *s)
{
  const char *unit = s->times_in_weeks ? "week" : "day";
  double div = s->times_in_weeks ? 7.0 : 1.0;
  switch (s->mode) {
  case PSORSIM_SCHEDULE_EXPLICIT:
    times(fp, s);
    if (s->then_every_day > 0) fprintf(fp, ", then every %g %ss", s->then_every_day / div, unit);
    break;
  case PSORSIM_SCHEDULE_PERIODIC:
    if (s->times_in_weeks && s->every_day == 7.0) {
      fputs("weekly", fp);
    } else {
      fprintf(fp, "every %g %ss", s->every_day / div, unit);
    }
    break;
  case PSORSIM_SCHEDULE_DAILY:
    fprintf(fp, "%d&times; daily", s->per_day);
    break;
  case PSORSIM_SCHEDULE_SESSIONS:
    fprintf(fp, "%d sessions a week", s->sessions_per_week);
    break;
  case PSORSIM_SCHEDULE_NONE:
    fputs("ongoing", fp);
    break;
  }
  if (s->mode != PSORSIM_SCHEDULE_EXPLICIT && s->from_day > 0) {
    fprintf(fp, " from week %g", s->from_day / 7.0);
  }
  if (s->until_given) fprintf(fp, " until week %g", s->until_day / 7.0);
}

/* One regimen entry: "secukinumab 300 mg subcutaneous, weeks 0, 1, 2". */
static void regimen_entry(FILE *fp, const psorsim_regimen_entry *e)
{
  fputs("<b>", fp);
  html_text(fp, e->name);
  fputs("</b>", fp);
  if (e->strength.unit != PSORSIM_UNIT_NONE) fputc(' ', fp), quantity(fp, e->strength);
  if (e->dose.unit != PSORSIM_UNIT_NONE) fputc(' ', fp), quantity(fp, e->dose);
  if (e->start_dose.unit != PSORSIM_UNIT_NONE) fputs(" from ", fp), quantity(fp, e->start_dose);
  if (e->increment.unit != PSORSIM_UNIT_NONE) fputs(" +", fp), quantity(fp, e->increment);
  if (e->route != PSORSIM_ROUTE_NONE && e->kind != PSORSIM_TREATMENT_TOPICAL) {
    fputc(' ', fp);
    html_text(fp, psorsim_route_name(e->route));
  }
  fputs(", ", fp);
  schedule_text(fp, &e->schedule);
}

/* An estimate in the endpoint's unit, "&ndash;" when undefined. */
static void estimate_cell(FILE *fp, const psorsim_estimate *e, const psorsim_endpoint *ep)
{
  const int econ = psorsim_econ_is_endpoint(ep->kind);
  const char *unit = psr_report_endpoint_is_percent(ep) ? "&thinsp;%" : econ ? "" : " wk";
  const int dec = ep->kind == PSORSIM_ENDPOINT_QALY ? 3 : econ ? 0 : 1; /* QALYs: 3 decimals */
  if (e == NULL || !isfinite(e->estimate)) {
    fputs("<span class=\"est\">&ndash;</span>", fp);
    return;
  }
  fprintf(fp, "<span class=\"est\">%.*f%s</span>", dec, e->estimate, unit);
  if (isfinite(e->lo) && isfinite(e->hi)) {
    fprintf(fp, "<span class=\"ci\">%.*f&ndash;%.*f</span>", dec, e->lo, dec, e->hi);
  }
}

/* Under a relapse estimate: who entered, and why there is no number. */
static void relapse_note(FILE *fp, const psorsim_relapse_summary *rs)
{
  if (rs->definition == NULL) return;
  fprintf(fp, "<span class=\"obs\">%d entered, %d relapsed", rs->n_at_risk, rs->events);
  if (rs->not_estimable != NULL) {
    fputs("; not estimable: ", fp);
    html_text(fp, rs->not_estimable);
  }
  fputs("</span>", fp);
}

/* "published 81.6 (+0.4)", coloured by whether it is within 10 points. */
static void observed_note(FILE *fp, const psorsim_observation *o, const psorsim_estimate *e)
{
  fprintf(fp, "<span class=\"obs\">published %.1f", o->value);
  if (e != NULL && isfinite(e->estimate)) {
    double d = e->estimate - o->value;
    fprintf(fp, " <span class=\"%s\">(%+.1f)</span>", fabs(d) <= 10.0 ? "good" : "off", d);
  }
  fputs("</span>", fp);
}

static void header_section(FILE *fp, const psorsim_trial_result *r)
{
  const psorsim_trial_spec *s = r->spec;
  int per_arm = r->n_arms > 0 ? r->arms[0].n_patients : s->population.patients_per_arm;

  fputs("<header><p class=\"kicker\">psorsim virtual trial</p><h1>", fp);
  html_text(fp, s->name);
  fputs("</h1>", fp);
  if (s->reference != NULL) {
    fputs("<p class=\"ref\">", fp);
    html_text(fp, s->reference);
    fputs("</p>", fp);
  }
  if (s->note != NULL) {
    fputs("<p class=\"note\">", fp);
    html_text(fp, s->note);
    fputs("</p>", fp);
  }
  fprintf(fp,
          "<dl class=\"facts\"><div><dt>Arms</dt><dd>%zu</dd></div>"
          "<div><dt>Patients per arm</dt><dd>%d</dd></div>"
          "<div><dt>Weeks</dt><dd>%g</dd></div>"
          "<div><dt>Endpoints</dt><dd>%zu</dd></div>"
          "<div><dt>Seed</dt><dd>%llu</dd></div></dl></header>\n",
          r->n_arms, per_arm, s->weeks, s->n_endpoints, (unsigned long long)r->seed);
}

static void endpoints_section(FILE *fp, const psorsim_trial_result *r)
{
  const psorsim_trial_spec *s = r->spec;
  char buf[96];

  fputs("<section><h2>Endpoints</h2><p class=\"sub\">Estimate and 95&thinsp;% confidence "
        "interval (Wilson for response rates, t for means)",
        fp);
  if (s->n_observed > 0) {
    fputs("; under it the published value and the difference simulated &minus; published "
          "(green within 10 points)",
          fp);
  }
  fputs(".</p><div class=\"scroll\"><table><thead><tr><th>Endpoint</th>", fp);
  for (size_t i = 0; i < r->n_arms; i++) {
    fputs("<th>", fp);
    swatch(fp, i);
    html_text(fp, psr_report_arm_name(r, i, buf, sizeof(buf)));
    fputs("</th>", fp);
  }
  fputs("</tr></thead><tbody>\n", fp);
  for (size_t k = 0; k < s->n_endpoints; k++) {
    psr_report_endpoint_label(&s->endpoints[k], buf, sizeof(buf));
    fputs("<tr><td>", fp);
    html_text(fp, buf);
    fputs("<span class=\"ci\">", fp);
    html_text(fp, s->endpoints[k].key);
    fputs("</span></td>", fp);
    for (size_t i = 0; i < r->n_arms; i++) {
      const psorsim_estimate *e = r->arms[i].endpoints != NULL ? &r->arms[i].endpoints[k] : NULL;
      fputs("<td>", fp);
      estimate_cell(fp, e, &s->endpoints[k]);
      if (s->endpoints[k].kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN)
        relapse_note(fp, &r->arms[i].relapse);
      for (size_t j = 0; j < s->n_observed && s->observed != NULL; j++) {
        const psorsim_observation *o = &s->observed[j];
        if (o->arm == i && o->endpoint_index == (int)k) observed_note(fp, o, e);
      }
      fputs("</td>", fp);
    }
    fputs("</tr>\n", fp);
  }
  fputs("</tbody></table></div>", fp);
  for (size_t k = 0; k < s->n_endpoints; k++) {
    if (s->endpoints[k].kind != PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN || r->n_arms == 0 ||
        r->arms[0].relapse.definition == NULL)
      continue;
    fputs("<p class=\"sub\" style=\"margin-top:12px\">Relapse: ", fp);
    html_text(fp, r->arms[0].relapse.definition);
    fputs(". 95&thinsp;% interval: ", fp);
    html_text(fp, r->arms[0].relapse.ci_method);
    fputs(".</p>", fp);
  }
  fputs("</section>\n", fp);
}

/* Adverse events by arm and type: counts, exposure and exposure-adjusted rates. */
static void safety_section(FILE *fp, const psorsim_trial_result *r)
{
  char buf[32];
  int rows = 0;
  for (size_t i = 0; i < r->n_arms; i++)
    rows += r->arms[i].n_ae_types;
  if (rows == 0) return;
  fputs("<section><h2>Adverse events</h2><p class=\"sub\">Per arm and type: events, patients "
        "with at least one, events that ended treatment, and the rate per 100 patient-years of "
        "exposure (per 100 administrations for events the library gives per session or "
        "infusion), with its 95&thinsp;% interval (Byar) and the library's rate. Each dose "
        "exposes the patient for the larger of its dosing interval and the treatment's washout "
        "(a regular schedule: from the first dose to the last dose plus that), within the trial "
        "and cut at a dropout.</p><div "
        "class=\"scroll\"><table><thead><tr><th>Arm</th><th>Treatment</th>"
        "<th>Event</th><th>Events</th><th>Patients</th><th>Stopped</th><th>Exposure</th>"
        "<th>Rate (95&thinsp;% CI)</th><th>Library</th></tr></thead><tbody>\n",
        fp);
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    for (int k = 0; k < a->n_ae_types; k++) {
      const psorsim_ae_row *row = &a->ae_table[k];
      const psorsim_ae_spec *ae = &row->treatment->aes[row->ae];
      const int per_dose = ae->basis == PSORSIM_AE_PER_100_DOSES;
      const double rate = per_dose ? row->rate_per_100_doses : row->rate_per_100py;
      fputs("<tr><td>", fp);
      swatch(fp, i);
      html_text(fp, psr_report_arm_name(r, i, buf, sizeof(buf)));
      fputs("</td><td>", fp);
      html_text(fp, row->treatment->name);
      fputs("</td><td>", fp);
      html_text(fp, ae->name);
      fprintf(fp, "</td><td>%ld</td><td>%ld</td><td>%ld</td><td>%.1f PY", row->events,
              row->patients, row->discontinuations, row->exposure_py);
      if (per_dose) fprintf(fp, ", %ld adm.", row->administrations);
      fputs("</td><td>", fp);
      if (isfinite(rate)) {
        fprintf(fp, "%.2f", rate);
        if (isfinite(row->rate_lo) && isfinite(row->rate_hi))
          fprintf(fp, " (%.2f&ndash;%.2f)", row->rate_lo, row->rate_hi);
      } else {
        fputs("&ndash;", fp);
      }
      fprintf(fp, "</td><td>%.2f %s</td></tr>\n", ae->rate_per_100py,
              per_dose ? "/100 adm." : "/100 PY");
    }
  }
  fputs("</tbody></table></div></section>\n", fp);
}

static void arms_section(FILE *fp, const psorsim_trial_result *r)
{
  const psorsim_trial_spec *s = r->spec;
  long failed = 0;
  char buf[32];

  fputs("<section><h2>Arms</h2><p class=\"sub\">Regimens as read from the trial file; dropouts "
        "are adverse-event discontinuations (counted as non-responders); failed patients are "
        "solver failures, excluded from the estimates.</p><div class=\"scroll\"><table><thead>"
        "<tr><th>Arm</th><th style=\"text-align:left\">Regimen</th><th>Patients</th>"
        "<th>Dropouts</th><th>Adverse events</th><th>Failed</th></tr></thead><tbody>\n",
        fp);
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    fputs("<tr><td>", fp);
    swatch(fp, i);
    html_text(fp, psr_report_arm_name(r, i, buf, sizeof(buf)));
    fputs("</td><td class=\"regimen\">", fp);
    if (i < s->n_arms && s->arms[i].n_regimen > 0) {
      for (size_t k = 0; k < s->arms[i].n_regimen; k++) {
        if (k > 0) fputs("<br>", fp);
        regimen_entry(fp, &s->arms[i].regimen[k]);
      }
    } else {
      fputs("no treatment (placebo)", fp);
    }
    fprintf(fp, "</td><td>%d</td><td>%d</td><td>%ld</td><td>%d</td></tr>\n", a->n_patients,
            a->n_dropouts, a->n_ae, a->n_failed);
    failed += a->n_failed;
  }
  fputs("</tbody></table></div>", fp);
  if (failed > 0) {
    fprintf(fp,
            "<p class=\"warn\">%ld patient%s could not be simulated even after a retry with "
            "tighter tolerances and %s excluded:",
            failed, failed == 1 ? "" : "s", failed == 1 ? "is" : "are");
    for (size_t i = 0; i < r->n_arms; i++) {
      const psorsim_arm_result *a = &r->arms[i];
      if (a->n_failed == 0 || a->failed_ids == NULL) continue;
      fputs(" ", fp);
      html_text(fp, psr_report_arm_name(r, i, buf, sizeof(buf)));
      fputs(" (ids", fp);
      for (int k = 0; k < a->n_failed && k < 20; k++)
        fprintf(fp, " %d", a->failed_ids[k]);
      fputs(a->n_failed > 20 ? " &hellip;)" : ")", fp);
    }
    fputs(". Their ids are listed in trial.json.</p>", fp);
  }
  fputs("</section>\n", fp);
}

/* Every published number beside psorsim's estimate, and the summary. */
static void observed_table(FILE *fp, const psorsim_trial_result *r)
{
  const psorsim_trial_spec *s = r->spec;
  double sum = 0.0;
  size_t n = 0, within = 0;
  char buf[96];

  fputs("<div class=\"scroll\" style=\"margin-top:16px\"><table><thead><tr>"
        "<th>Arm</th><th>Endpoint</th><th>Published</th><th>Simulated (95&thinsp;% CI)</th>"
        "<th>Difference</th></tr></thead><tbody>\n",
        fp);
  for (size_t j = 0; j < s->n_observed; j++) {
    const psorsim_observation *o = &s->observed[j];
    const psorsim_estimate *e = psr_report_observed_estimate(r, o);
    fputs("<tr><td>", fp);
    swatch(fp, o->arm);
    html_text(fp, psr_report_arm_name(r, o->arm, buf, sizeof(buf)));
    fputs("</td><td>", fp);
    html_text(fp, o->endpoint.key);
    fprintf(fp, "</td><td>%.1f</td><td>", o->value);
    if (e != NULL && isfinite(e->estimate)) {
      double d = e->estimate - o->value;
      fprintf(fp, "%.1f", e->estimate);
      if (isfinite(e->lo) && isfinite(e->hi)) fprintf(fp, " (%.1f&ndash;%.1f)", e->lo, e->hi);
      fprintf(fp, "</td><td class=\"%s\">%+.1f</td></tr>\n", fabs(d) <= 10.0 ? "good" : "off", d);
      sum += fabs(d);
      within += fabs(d) <= 10.0;
      n++;
    } else {
      fputs("&ndash;</td><td>not simulated (add the endpoint to endpoints:)</td></tr>\n", fp);
    }
  }
  fputs("</tbody></table></div>", fp);
  if (n > 0) {
    fprintf(fp,
            "<p class=\"sub\" style=\"margin-top:12px\">Mean absolute difference %.1f points; "
            "%zu of %zu within 10 points.</p>",
            sum / (double)n, within, n);
  }
}

/* One plot in its own section; the observed plot shares its section with
 * the table of published numbers. */
static void figure(FILE *fp, const psorsim_trial_result *r, const psr_plot_png *p)
{
  fputs("<section><h2>", fp);
  html_text(fp, p->title);
  fputs("</h2><figure><img alt=\"", fp);
  html_text(fp, p->title);
  fprintf(fp, "\" width=\"%d\" height=\"%d\" src=\"data:image/png;base64,",
          PSORSIM_REPORT_PLOT_WIDTH_PX / 2, PSORSIM_REPORT_PLOT_HEIGHT_PX / 2);
  psr_base64_write(fp, p->data, p->len);
  fputs("\"><figcaption>", fp);
  html_text(fp, p->caption);
  fputs("</figcaption></figure>", fp);
  if (strcmp(p->name, "observed") == 0) observed_table(fp, r);
  fputs("</section>\n", fp);
}

void psr_report_emit_html(FILE *fp, const psorsim_trial_result *r, const psr_plot_png *plots,
                          size_t n)
{
  const psorsim_trial_spec *s = r->spec;

  fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>",
        fp);
  html_text(fp, s->name);
  fprintf(fp, " &middot; psorsim</title><style>%s</style></head>\n<body><main>\n", page_css);
  header_section(fp, r);
  endpoints_section(fp, r);
  for (size_t i = 0; i < n; i++)
    figure(fp, r, &plots[i]);
  arms_section(fp, r);
  safety_section(fp, r);
  fprintf(fp,
          "<footer>psorsim %s &middot; seed %llu &middot; simulated in %.1f s on %d thread%s"
          " &middot; %ld candidates screened<br>Next to this page: trial.json, baseline.csv%s, "
          "plots/*.png (columns and units: docs/outputs.md)</footer>\n",
          psorsim_version(), (unsigned long long)r->seed, r->elapsed_s, r->threads,
          r->threads == 1 ? "" : "s", r->candidates_screened,
          psorsim_report_has_visits(r) ? ", patients.csv" : "");
  fputs("</main></body></html>\n", fp);
}
