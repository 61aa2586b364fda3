// git's rules for a ref name (`git check-ref-format --branch`), so that a branch or ref input
// GitHub would refuse is refused before the first request, not by every target in turn.

/**
 * Why `name` is not a valid git branch or ref name (`main`, `v1.2.3`, `refs/heads/main`), or
 * undefined when it is.
 */
export function refNameProblem(name: string): string | undefined {
  if (name === "") return "a ref name cannot be empty";
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name))
    return "a ref name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\";
  if (name.startsWith("-")) return "a ref name cannot start with '-'";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//"))
    return "a ref name cannot start or end with '/' or contain '//'";
  if (name.includes("..")) return "a ref name cannot contain '..'";
  if (name.includes("@{") || name === "@") return "a ref name cannot contain '@{' or be '@'";
  if (name.endsWith(".")) return "a ref name cannot end with '.'";
  if (name === "HEAD") return "a ref name cannot be HEAD";
  for (const part of name.split("/")) {
    if (part.startsWith(".")) return "no part of a ref name can start with '.'";
    if (part.endsWith(".lock")) return "no part of a ref name can end with '.lock'";
  }
  return undefined;
}
