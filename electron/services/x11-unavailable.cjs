// Stands in for the optional `x11` package of the D-Bus library, which would look for the
// session bus through the X server. Confine always gives the bus address itself, so this path
// is never taken; the library reads `null` as "installed without X11 support".
module.exports = null;
