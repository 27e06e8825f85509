import { zCategory, zDescription, zId, zMonth, zSkillKey, zTitle } from '@masar/shared';
import { z } from 'zod';

const inWindowOrder = (v: { startMonth: number; endMonth: number }) => v.startMonth < v.endMonth;
const orderError = { message: 'errors.month.order', path: ['endMonth'] };

export const roadmapForm = z.object({ title: zTitle, description: zDescription });
export const stageForm = z
  .object({ title: zTitle, description: zDescription, startMonth: zMonth, endMonth: zMonth })
  .refine(inWindowOrder, orderError);
export const skillForm = z
  .object({
    key: z.union([z.literal(''), zSkillKey]),
    title: zTitle,
    description: zDescription,
    category: zCategory,
    stageId: zId,
    startMonth: zMonth,
    endMonth: zMonth,
  })
  .refine(inWindowOrder, orderError);
