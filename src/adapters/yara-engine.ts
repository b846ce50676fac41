import { createRequire } from 'node:module';
import type { Threat } from '../ports/malware-scanner.js';
import { MALWARE_RULES } from './malware-rules.js';

/** The part of YARA-X's native API we use (the addon ships no types of its own). */
interface RuleMatch {
  ruleIdentifier: string;
  meta: object;
  tags: string[];
}
interface CompiledRules {
  scan(data: Buffer): RuleMatch[];
}
interface YaraXModule {
  compile(ruleSource: string): CompiledRules;
}

/**
 * Named, not imported: the engine is a native addon, an optional dependency for linux-x64
 * (glibc) only — the registry we install from carries no other build, and the Lambda bundles
 * (ARM64) must never carry it. It is loaded on first use. On a Mac, install
 * `@litko/yara-x-darwin-arm64` (or `-darwin-x64`) and point this at it.
 */
const ENGINE_PACKAGE = '@litko/yara-x-linux-x64-gnu';

/** YARA-X with our rules, compiled once. Scans whole buffers (the caller bounds their size). */
export class YaraEngine {
  private constructor(private readonly rules: CompiledRules) {}

  static load(rules: string = MALWARE_RULES): YaraEngine {
    let engine: YaraXModule;
    try {
      engine = createRequire(import.meta.url)(ENGINE_PACKAGE) as YaraXModule;
    } catch (error) {
      throw new Error(`The builtin malware scanner cannot load ${ENGINE_PACKAGE} on ${process.platform}-${process.arch}: it is installed for linux-x64 (glibc) only`, { cause: error });
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
