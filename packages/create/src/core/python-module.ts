/**
 * The Python package name of a generated Python project: the project name with `-` and `.`
 * turned into `_`, made importable when that alone would not be.
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

/** The package name the Python templates are written with, replaced by the project's. */
export const MODULE_TOKEN = 'my_mcp_server';

// Python's keywords: `import class` is a syntax error.
const KEYWORDS = words(`
and as assert async await break class continue def del elif else except false finally for from
global if import in is lambda nonlocal none not or pass raise return true try while with yield
`);

// Top-level standard-library modules (Python 3.10 to 3.14, `sys.stdlib_module_names`, public
// lower-case names only). The standard library comes first on `sys.path`, so a package
// named `email` would never be imported: `from email import server` would fail.
const STDLIB = words(`
abc aifc annotationlib antigravity argparse array ast asynchat asyncio asyncore atexit audioop
base64 bdb binascii bisect builtins bz2 calendar cgi cgitb chunk cmath cmd code codecs codeop
collections colorsys compileall compression concurrent configparser contextlib contextvars copy
copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest
email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions
ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac
html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword
lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder
msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator
optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib
posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue
quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors
shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3
sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess
sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios test textwrap
this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle
turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref
webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
`);

// Packages the generated projects install (directly or through mcp/fastmcp): a package of
// the same name would overwrite theirs in the environment.
const INSTALLED = words(`
mcp mcp_types fastmcp httpx httpx2 httpcore h11 anyio sniffio pydantic pydantic_core
pydantic_settings starlette sse_starlette uvicorn jwt jsonschema multipart python_multipart
click rich dotenv pytest pluggy iniconfig packaging typing_extensions tests
`);

/**
 * The package name for a (validated) project name: `-` and `.` become `_`
 * (`weather-app` → `weather_app`). A name that starts with a digit gets `mcp_` in front
 * (`3d-maps` → `mcp_3d_maps`); one that is a Python keyword, a standard-library module or
 * a package the project installs gets `_server` after it (`email` → `email_server`).
 */
export function pythonModuleName(name: string): string {
  const base = name.replace(/[.-]/g, '_');
  if (/^[0-9]/.test(base)) return `mcp_${base}`;
  if (KEYWORDS.has(base) || STDLIB.has(base) || INSTALLED.has(base)) return `${base}_server`;
  return base;
}
