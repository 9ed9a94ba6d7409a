import type { Locator, Page } from 'playwright-core';

/**
 * What an analyst does in the full modeler, as clicks: the palette, the context pad, the
 * replace menu (wrench) and the properties panel (bpmn-js-properties-panel with the Camunda
 * provider). No XML is typed anywhere.
 */

/** a shape on the canvas by its BPMN element id */
export function shape(page: Page, elementId: string): Locator {
  return page.locator(`.djs-element.djs-shape[data-element-id="${elementId}"]`);
}

/** the element the modeler shows as selected */
export async function selectedId(page: Page): Promise<string> {
  const id = await page.locator('.djs-element.selected').first().getAttribute('data-element-id');
  if (!id) throw new Error('nothing selected on the canvas');
  return id;
}

export async function select(page: Page, elementId: string): Promise<void> {
  const selected = page.locator(`.djs-element.selected[data-element-id="${elementId}"]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    // diagram-js ignores a click right after a drag, a create or a panel edit; give it a moment
    await page.waitForTimeout(300);
    const box = await shape(page, elementId).locator('.djs-hit').first().boundingBox();
    if (!box) throw new Error(`no shape ${elementId} on the canvas`);
    // near the top edge, clear of the label in the middle and of marker icons at the corners
    await page.mouse.click(box.x + box.width / 2, box.y + Math.min(8, box.height / 4));
    if (await selected.count()) return;
  }
  throw new Error(`${elementId} could not be selected`);
}

/** context pad → append a task after the selected element, then wrench → user task; returns the new id */
export async function appendUserTask(page: Page, fromId: string): Promise<string> {
  await select(page, fromId);
  await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
  await page.waitForTimeout(300);
  const taskId = await selectedId(page);
  await page.locator('.djs-context-pad [data-action="replace"]').click();
  await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
  await page.waitForTimeout(300);
  return selectedId(page);
}

/** palette → end event dropped at a point right of the element, then the connect tool from it */
export async function paletteEndEventAfter(page: Page, fromId: string): Promise<string> {
  const box = await shape(page, fromId).boundingBox();
  if (!box) throw new Error(`no shape ${fromId}`);
  await page.locator('.djs-palette [data-action="create.end-event"]').click();
  await page.mouse.move(box.x + box.width + 120, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width + 120, box.y + box.height / 2);
  await page.waitForTimeout(300);
  const endId = await selectedId(page);
  // the palette's global connect tool: from the task to the new end event
  await page.locator('.djs-palette [data-action="global-connect-tool"]').click();
  await shape(page, fromId).click();
  await shape(page, endId).click();
  await page.waitForTimeout(300);
  return endId;
}

/** opens a properties-panel group (they start folded) */
export async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`[data-group-id="${groupId}"]`);
  await group.waitFor();
  if (!(await group.locator('.bio-properties-panel-group-entries.open').count())) await group.locator('.bio-properties-panel-group-header').click();
}

/** types into a properties-panel field and leaves it, so the panel commits the change */
export async function setField(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector);
  await input.fill(value);
  await input.press('Tab');
  await page.waitForTimeout(200);
}

export async function setName(page: Page, name: string): Promise<void> {
  await openGroup(page, 'group-general');
  await setField(page, '#bio-properties-panel-name', name);
}

/** Extension properties group → add entry → name / value (how a step is marked an approval) */
export async function addExtensionProperty(page: Page, name: string, value: string): Promise<void> {
  const group = page.locator('[data-group-id="group-CamundaPlatform__ExtensionProperties"]');
  await group.waitFor();
  await group.locator('.bio-properties-panel-add-entry').click();
  await page.waitForTimeout(200);
  const item = group.locator('.bio-properties-panel-collapsible-entry').last();
  if (!(await item.locator('input[id$="-name"]').isVisible())) await item.locator('.bio-properties-panel-collapsible-entry-header').click();
  await item.locator('input[id$="-name"]').fill(name);
  await item.locator('input[id$="-name"]').press('Tab');
  await item.locator('input[id$="-value"]').fill(value);
  await item.locator('input[id$="-value"]').press('Tab');
  await page.waitForTimeout(200);
}
