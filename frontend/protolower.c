#include "frontend/proto.h"
