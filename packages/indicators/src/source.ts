/** The policy document every catalog indicator cites. */
import type { PolicySource } from '@houfu/core';

/** 贵州省发展改革委《统筹资源发挥合力 做好搬迁后扶工作》，中国改革报，2020-02-13. */
export const ARTICLE = '贵州省发展改革委《统筹资源发挥合力 做好搬迁后扶工作》，中国改革报，2020-02-13';

/** A source citing a clause of the article. */
export const cite = (clause: string, clauseEn: string): PolicySource => ({ clause, clauseEn, document: ARTICLE });
