#include <psorsim/low.h>
#include "low/shared.h"
#include "low/low_impl.h"
#include "high_impl.h"
