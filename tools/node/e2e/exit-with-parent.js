// Preloaded (node --require) into the node processes the E2E fixture starts (Playground, Azurite).
// The fixture kills them on dispose; this covers the case it can't: the test host killed outright (kill -9, a CI timeout).
'use strict';
const parent = Number(process.env.E2E_PARENT_PID);
if (Number.isInteger(parent) && parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0); // signal 0: only asks whether the process exists
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
