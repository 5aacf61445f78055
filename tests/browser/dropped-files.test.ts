import { describe, expect, it } from 'vitest';
import { droppedFiles } from '../../src/ui/dropped-files';

describe('droppedFiles', () => {
  it('gives the dropped files in order, without hidden ones', async () => {
    const transfer = new DataTransfer();
    for (const name of ['anna.json', '.DS_Store', 'ben.csv']) transfer.items.add(new File([name], name));
    const files = await droppedFiles(transfer);
    expect(files.map((f) => f.name)).toEqual(['anna.json', 'ben.csv']);
    expect(await files[1].text()).toBe('ben.csv');
  });

  it('gives nothing for a drop without files', async () => {
    const transfer = new DataTransfer();
    transfer.items.add('just text', 'text/plain');
    expect(await droppedFiles(transfer)).toEqual([]);
    expect(await droppedFiles(null)).toEqual([]);
  });
});
