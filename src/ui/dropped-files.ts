/**
 * The files of a drop, with folders opened: a dropped folder arrives in `DataTransfer.files`
 * as one entry that cannot be read, so its files are walked through the entries API
 * (`webkitGetAsEntry`, in every current browser). Hidden files (".DS_Store") are skipped.
 */

/** Read the drop's entries now: the item list is emptied once the drop event returns. */
export function droppedFiles(transfer: DataTransfer | null | undefined): Promise<File[]> {
  if (!transfer) return Promise.resolve([]);
  const entries = [...transfer.items].filter((item) => item.kind === 'file').map((item) => item.webkitGetAsEntry());
  if (!entries.length || entries.some((entry) => entry === null)) return Promise.resolve(visible([...transfer.files]));
  return Promise.all(entries.map((entry) => filesOf(entry!))).then((lists) => visible(lists.flat()));
}

const visible = (files: File[]) => files.filter((f) => !f.name.startsWith('.'));

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (isFile(entry)) return [await new Promise<File>((resolve, reject) => entry.file(resolve, reject))];
  if (!isDirectory(entry) || entry.name.startsWith('.')) return [];
  const reader = entry.createReader();
  const children: FileSystemEntry[] = [];
  // readEntries gives a batch at a time (100 in Chromium) and an empty batch at the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.sort((a, b) => a.name.localeCompare(b.name)).map(filesOf));
  return nested.flat();
}

const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;
const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
