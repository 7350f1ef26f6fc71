#ifndef LOW_SHARED_H
#define LOW_SHARED_H
#endif
