/* include/psorsim/psorsim.h
 *
 * Umbrella header: includes every public psorsim header and nothing else.
 */
#ifndef PSORSIM_PSORSIM_H
#define PSORSIM_PSORSIM_H

#include <psorsim/common.h>
#include <psorsim/error.h>
#include <psorsim/context.h>
#include <psorsim/model.h>
#include <psorsim/engine.h>
#include <psorsim/io.h>
#include <psorsim/psoriasis.h>
#include <psorsim/units.h>
#include <psorsim/dose.h>
#include <psorsim/trial_spec.h>

#endif /* PSORSIM_PSORSIM_H */
