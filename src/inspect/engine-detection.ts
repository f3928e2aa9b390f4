// Which game engine built the app, from the names its entry points and classes carry. It tells a
// reader why the screens may be one canvas (Unity, Unreal) that no accessibility tree reads.
import { descriptorPrefix } from './dex-classes.ts';
import { countWithPrefix } from './sdk-signatures.ts';

const engineMarkers: readonly { engine: string; prefixes: readonly string[]; frameworks: readonly string[] }[] = [
  { engine: 'Unity', prefixes: ['com.unity3d.player.'], frameworks: ['UnityFramework'] },
  { engine: 'Unreal Engine', prefixes: ['com.epicgames.ue4.', 'com.epicgames.unreal.'], frameworks: [] },
  { engine: 'Cocos2d-x', prefixes: ['org.cocos2dx.'], frameworks: [] },
  { engine: 'Godot', prefixes: ['org.godotengine.'], frameworks: [] },
  { engine: 'Flutter', prefixes: ['io.flutter.'], frameworks: ['Flutter'] },
];

/** Engines whose classes are among one DEX file's sorted descriptors. */
export function enginesInDescriptors(sortedDescriptors: readonly string[]): string[] {
  return engineMarkers.filter((marker) => marker.prefixes.some((prefix) => countWithPrefix(sortedDescriptors, descriptorPrefix(prefix)) > 0)).map((marker) => marker.engine);
}

/** Engines named by the manifest's activities (UnityPlayerActivity) or by embedded frameworks. */
export function enginesInNames(activities: readonly string[], frameworks: readonly string[]): string[] {
  const frameworkSet = new Set(frameworks);
  return engineMarkers
    .filter((marker) => marker.prefixes.some((prefix) => activities.some((name) => name.startsWith(prefix))) || marker.frameworks.some((framework) => frameworkSet.has(framework)))
    .map((marker) => marker.engine);
}

/** In the table's order, each once. */
export function orderEngines(found: Iterable<string>): string[] {
  const set = new Set(found);
  return engineMarkers.map((marker) => marker.engine).filter((engine) => set.has(engine));
}
