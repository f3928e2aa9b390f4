// Which game engine built the app, from the names its entry points and classes carry. It tells a
// reader why the screens may be one canvas (Unity, Unreal) that no accessibility tree reads.
const engineMarkers: readonly { engine: string; prefixes: readonly string[]; frameworks: readonly string[] }[] = [
  { engine: 'Unity', prefixes: ['com.unity3d.player.'], frameworks: ['UnityFramework'] },
  { engine: 'Unreal Engine', prefixes: ['com.epicgames.ue4.', 'com.epicgames.unreal.'], frameworks: [] },
  { engine: 'Cocos2d-x', prefixes: ['org.cocos2dx.'], frameworks: [] },
  { engine: 'Godot', prefixes: ['org.godotengine.'], frameworks: [] },
  { engine: 'Flutter', prefixes: ['io.flutter.'], frameworks: ['Flutter'] },
];

export function detectEngines(names: readonly string[], frameworks: readonly string[]): string[] {
  const frameworkSet = new Set(frameworks);
  return engineMarkers
    .filter((marker) => marker.prefixes.some((prefix) => names.some((name) => name.startsWith(prefix))) || marker.frameworks.some((framework) => frameworkSet.has(framework)))
    .map((marker) => marker.engine);
}
