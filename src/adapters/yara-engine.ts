import { createRequire } from 'node:module';
import type { Threat } from '../ports/malware-scanner.js';
import { MALWARE_RULES } from './malware-rules.js';

type YaraXModule = typeof import('@litko/yara-x');
type CompiledRules = ReturnType<YaraXModule['compile']>;

/**
 * Named, not imported: the engine is a native addon published for linux-x64 (glibc) and macOS
 * only, so the Lambda bundles (ARM64) must never carry it; it is loaded on first use.
 */
const ENGINE_PACKAGE = '@litko/yara-x';

/** YARA-X with our rules, compiled once. Scans whole buffers (the caller bounds their size). */
export class YaraEngine {
  private constructor(private readonly rules: CompiledRules) {}

  static load(rules: string = MALWARE_RULES): YaraEngine {
    let engine: YaraXModule;
    try {
      engine = createRequire(import.meta.url)(ENGINE_PACKAGE) as YaraXModule;
    } catch (error) {
      throw new Error(`The builtin malware scanner cannot load ${ENGINE_PACKAGE} on ${process.platform}-${process.arch}: it is published for linux-x64 (glibc) and macOS only`, { cause: error });
    }
    return new YaraEngine(engine.compile(rules));
  }

  scan(bytes: Uint8Array): Threat[] {
    const found = new Map<string, Threat>();
    for (const match of this.rules.scan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
      const name = String((match.meta as { threat?: unknown }).threat ?? match.ruleIdentifier);
      found.set(name, { name, kind: match.tags.includes('malware') ? 'MALWARE' : 'ACTIVE_CONTENT' });
    }
    return [...found.values()];
  }
}
