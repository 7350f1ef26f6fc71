/* src/io/trajectory.c
 *
 * Writes a simulated trajectory as tidy CSV and its sidecar JSON (column
 * units, parameters, solver statistics). See include/psorsim/io.h.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include <psorsim/io.h>

#include "common/context_impl.h"

static void write_number(FILE *fp, double v)
{
  if (isnan(v)) {
    fputs("NA", fp); /* what R and pandas read as missing */
  } else {
    fprintf(fp, "%.10g", v);
  }
}

int psorsim_trajectory_write_csv(psorsim_ctx *ctx, const psorsim_trajectory *tr, const char *path)
{
  psorsim_outfile *f = NULL;
  const psorsim_model *m;
  FILE *fp;
  int width;

  PSR_CHECK(ctx, tr != NULL && tr->model != NULL && (tr->n_out == 0 || tr->values != NULL),
            PSORSIM_EINVAL, "no trajectory to write");
  m = tr->model;
  width = m->n_states + m->n_obs;
  PSR_TRY(psorsim_outfile_open(ctx, path, &f));
  fp = psorsim_outfile_stream(f);
  fputs("time_days", fp);
  for (int j = 0; j < m->n_states; j++)
    fprintf(fp, ",%s", m->states[j].name);
  for (int j = 0; j < m->n_obs; j++)
    fprintf(fp, ",%s", m->obs[j].name);
  fputc('\n', fp);
  for (int i = 0; i < tr->n_out; i++) {
    const double *row = tr->values + (size_t)i * (size_t)width;
    write_number(fp, tr->t_out[i]);
    for (int j = 0; j < width; j++) {
      fputc(',', fp);
      write_number(fp, row[j]);
    }
    fputc('\n', fp);
  }
  return psorsim_outfile_commit(&f);
}

/* One column description. */
static json_t *column(const char *name, const char *unit, const char *kind, const char *desc)
{
  json_t *c = json_object();
  json_object_set_new(c, "name", json_string(name));
  json_object_set_new(c, "unit", json_string(unit ? unit : ""));
  json_object_set_new(c, "kind", json_string(kind));
  if (desc != NULL) json_object_set_new(c, "description", json_string(desc));
  return c;
}

int psorsim_trajectory_write_meta(psorsim_ctx *ctx, const psorsim_trajectory *tr,
                                  const double *params, const psorsim_solver_stats *stats,
                                  const char *path)
{
  psorsim_outfile *f = NULL;
  const psorsim_model *m;
  json_t *root, *cols, *pars;
  int rc;

  PSR_CHECK(ctx, tr != NULL && tr->model != NULL && params != NULL, PSORSIM_EINVAL,
            "no trajectory to describe");
  m = tr->model;
  root = json_object();
  cols = json_array();
  pars = json_object();
  json_object_set_new(root, "model", json_string(m->name));
  json_object_set_new(root, "psorsim_version", json_string(psorsim_version()));
  json_array_append_new(cols, column("time_days", "day", "time", "time since the start"));
  for (int j = 0; j < m->n_states; j++) {
    json_array_append_new(
        cols, column(m->states[j].name, m->states[j].unit, "state", m->states[j].description));
  }
  for (int j = 0; j < m->n_obs; j++) {
    json_array_append_new(
        cols, column(m->obs[j].name, m->obs[j].unit, "observable", m->obs[j].description));
  }
  json_object_set_new(root, "columns", cols);
  for (int j = 0; j < m->n_params; j++) {
    json_t *pj = json_object();
    json_object_set_new(pj, "value", json_real(params[j]));
    json_object_set_new(pj, "unit", json_string(m->params[j].unit));
    json_object_set_new(pars, m->params[j].name, pj);
  }
  json_object_set_new(root, "parameters", pars);
  if (stats != NULL) {
    json_t *s = json_object();
    json_object_set_new(s, "steps", json_integer(stats->steps));
    json_object_set_new(s, "rhs_evals", json_integer(stats->rhs_evals));
    json_object_set_new(s, "jac_evals", json_integer(stats->jac_evals));
    json_object_set_new(s, "lin_setups", json_integer(stats->lin_setups));
    json_object_set_new(s, "err_test_fails", json_integer(stats->err_test_fails));
    json_object_set_new(s, "nonlin_iters", json_integer(stats->nonlin_iters));
    json_object_set_new(s, "nonlin_conv_fails", json_integer(stats->nonlin_conv_fails));
    json_object_set_new(s, "events_applied", json_integer(stats->events_applied));
    json_object_set_new(s, "roots_found", json_integer(stats->roots_found));
    json_object_set_new(s, "reinits", json_integer(stats->reinits));
    json_object_set_new(root, "solver_stats", s);
  }
  rc = psorsim_outfile_open(ctx, path, &f);
  if (rc == PSORSIM_OK) {
    if (json_dumpf(root, psorsim_outfile_stream(f), JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
      psorsim_outfile_abort(&f);
      rc = psr_error_set(ctx, PSORSIM_EIO, __FILE__, __LINE__, __func__, "cannot write '%s'", path);
    } else {
      fputc('\n', psorsim_outfile_stream(f));
      rc = psorsim_outfile_commit(&f);
    }
  }
  json_decref(root);
  return rc;
}
