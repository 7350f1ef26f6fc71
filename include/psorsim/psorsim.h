/* include/psorsim/psorsim.h
 *
 * Umbrella header: includes every public psorsim header and nothing else
 * (tests/install checks that none is missing). The declarations of report.h
 * are implemented in libpsorsim_report (pkg-config psorsim-report) and those
 * of calibrate.h in libpsorsim_calib (psorsim-calib); everything else is in
 * libpsorsim (psorsim).
 */
#ifndef PSORSIM_PSORSIM_H
#define PSORSIM_PSORSIM_H

/* Basics: definitions, status codes, the per-thread context. */
#include <psorsim/common.h>
#include <psorsim/error.h>
#include <psorsim/context.h>

/* Models and the ODE engine. */
#include <psorsim/model.h>
#include <psorsim/engine.h>
#include <psorsim/psoriasis.h>

/* Input: units, trial files and regimen files. */
#include <psorsim/units.h>
#include <psorsim/dose.h>
#include <psorsim/trial_spec.h>
#include <psorsim/regimen_file.h>

/* Treatments, cell therapy, treated models. */
#include <psorsim/treatment.h>
#include <psorsim/cells.h>
#include <psorsim/regimen.h>
#include <psorsim/treated_model.h>
#include <psorsim/treated_patient.h>

/* Virtual patients' outcomes, their economics, virtual trials. */
#include <psorsim/outcome.h>
#include <psorsim/economics.h>
#include <psorsim/trial.h>

/* Output files. */
#include <psorsim/io.h>
#include <psorsim/report.h>

/* Calibration. */
#include <psorsim/calibrate.h>

#endif /* PSORSIM_PSORSIM_H */
