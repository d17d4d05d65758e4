import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Marker strings for the leak test: put one in each secret position, then look for it everywhere
 * it must not be. Letters and digits only, so that JSON, URL and SQL quoting leave it as it is;
 * long and random, so that a match is never chance and no marker contains another.
 */
export interface Marker {
  /** Where the marker was put (`settings value`, `header value` …): what a finding reports. */
  label: string;
  value: string;
}

export function newMarker(label: string): Marker {
  return { label, value: `LEAKMARK${randomBytes(12).toString('hex').toUpperCase()}` };
}

export interface Finding {
  /** The file, response or page part where the marker was found. */
  source: string;
  /** The marker's label (never its value: reports stay readable). */
  marker: string;
  encoding: string;
}

interface Needle {
  encoding: string;
  bytes: Buffer;
}

/**
 * The byte sequences that betray a marker: UTF-8, UTF-16 (both orders), hex, and base64 at each
 * of the three alignments the marker may have in a longer encoded text (only the characters that
 * depend on the marker's bytes alone, so a match does not depend on the neighbours).
 */
function needlesOf(marker: Marker): Needle[] {
  const utf8 = Buffer.from(marker.value, 'utf8');
  const utf16le = Buffer.from(marker.value, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const needles: Needle[] = [
    { encoding: 'UTF-8', bytes: utf8 },
    { encoding: 'UTF-8, lower case', bytes: Buffer.from(marker.value.toLowerCase(), 'utf8') },
    { encoding: 'UTF-16LE', bytes: utf16le },
    { encoding: 'UTF-16BE', bytes: utf16be },
    { encoding: 'hex', bytes: Buffer.from(utf8.toString('hex'), 'latin1') },
    { encoding: 'HEX', bytes: Buffer.from(utf8.toString('hex').toUpperCase(), 'latin1') },
  ];
  for (let skip = 0; skip < 3; skip++) {
    const aligned = utf8.subarray(skip, skip + 3 * Math.floor((utf8.length - skip) / 3));
    needles.push({ encoding: `base64 (+${skip})`, bytes: Buffer.from(aligned.toString('base64'), 'latin1') });
    needles.push({ encoding: `base64url (+${skip})`, bytes: Buffer.from(aligned.toString('base64url'), 'latin1') });
  }
  return needles;
}

/** Every marker found in `content`, in any of the encodings above. */
export function findMarkers(source: string, content: Buffer | string, markers: readonly Marker[]): Finding[] {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const findings: Finding[] = [];
  for (const marker of markers) {
    for (const needle of needlesOf(marker)) {
      if (bytes.includes(needle.bytes)) findings.push({ source, marker: marker.label, encoding: needle.encoding });
    }
  }
  return findings;
}

/** Every regular file under `dir`, hidden ones and subdirectories included. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Reads every file under `dir` as bytes and looks for the markers; also says which files it read. */
export function scanDirectory(dir: string, markers: readonly Marker[]): { files: string[]; findings: Finding[] } {
  const files = listFiles(dir);
  const findings = files.flatMap((file) => findMarkers(relative(dir, file), readFileSync(file), markers));
  return { files: files.map((file) => relative(dir, file)), findings };
}
