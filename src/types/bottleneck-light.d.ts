// bottleneck/light.js is the same API as bottleneck without its clustering extras; the
// throttling plugin uses it, so we build our per-client groups from it too.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
