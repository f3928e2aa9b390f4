// An Appium session's screenshot and page source, kept in step: the page source's nodes are given
// in the pixels of the screenshot just taken, so the screen model can lay them over its OCR.
// Shared by the Android and iOS drivers, which both capture a screen this way.
import { pngWidth } from '../../screen/pixels.ts';
import type { UiTree } from '../driver.ts';
import type { AppiumSession } from './open-session.ts';
import { pageSourceNodes } from './page-source-nodes.ts';

export class ScreenshotAndSource {
  private screenshotWidth: number | undefined;

  constructor(private readonly session: () => AppiumSession) {}

  async screenshot(): Promise<Uint8Array> {
    const png = Buffer.from(await this.session().takeScreenshot(), 'base64');
    this.screenshotWidth = pngWidth(png);
    return png;
  }

  async uiTree(): Promise<UiTree> {
    const xml = await this.session().getPageSource();
    return { text: xml, extension: 'xml', nodes: pageSourceNodes(xml, this.screenshotWidth) };
  }
}
