import type { InvalidatingFileSource } from '../io/file-source';

/**
 * Reads open documents from the editor's buffers and everything else from disk, so an unsaved policy or
 * approvals log applies as the user types it.
 */
export class OpenDocumentsFileSource implements InvalidatingFileSource {
  private readonly open = new Map<string, () => string>();

  constructor(private readonly disk: InvalidatingFileSource) {}

  setOpen(path: string, getText: () => string): void {
    this.open.set(path, getText);
  }

  setClosed(path: string): void {
    this.open.delete(path);
    this.disk.invalidate(path);
  }

  readText(path: string): string | undefined {
    const getText = this.open.get(path);
    if (getText) {
      const text = getText();
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
    return this.disk.readText(path);
  }

  listDir(path: string): readonly string[] | undefined {
    return this.disk.listDir(path);
  }

  exists(path: string): boolean {
    return this.open.has(path) || this.disk.exists(path);
  }

  invalidate(path: string): void {
    this.disk.invalidate(path);
  }

  invalidateAll(): void {
    this.disk.invalidateAll();
  }
}
