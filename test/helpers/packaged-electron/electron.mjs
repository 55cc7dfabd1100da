// What the CLI path of out/main/index.js takes from 'electron', and nothing more: a packaged app
// (so its arguments follow the binary's path) that exits with the command's code. Any other
// import of 'electron' on that path fails to link here, which is the point.
export const app = {
  isPackaged: true,
  exit: (code) => process.exit(code),
};
