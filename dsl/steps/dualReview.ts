// 双主体协同审查 (论文3.2资格审查): the county agriculture department reviews the exit's compliance
// (县级农业农村部门合规审查) and the collective assesses the household (集体经济组织评估). Both are
// required, each by its own deadline (periods.compliance, periods.assessment), in either order; the
// step is done when both pass, and the case is refused when either does not.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'dualReview',
  label: { zh: '双主体协同审查', en: 'dual review' },
  takes: [],
  periods: {
    compliance: {
      label: { zh: '县级农业农村部门合规审查', en: "the county agriculture department's compliance review" },
      timer: 'deadline',
      governs: ['recordComplianceReview'],
    },
    assessment: {
      label: { zh: '集体经济组织评估', en: "the collective's assessment" },
      timer: 'deadline',
      governs: ['recordCollectiveAssessment'],
    },
  },
  commands: ['recordComplianceReview', 'recordCollectiveAssessment'],
  completes: ['recordComplianceReview', 'recordCollectiveAssessment'],
  events: {
    ComplianceReviewed: { zh: '合规审查决定', en: 'Compliance review decided' },
    CollectiveAssessed: { zh: '集体评估决定', en: 'Collective assessment decided' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
