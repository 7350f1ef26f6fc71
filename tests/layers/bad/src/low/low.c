#include "high/high_impl.h"
#include "shared.h"
