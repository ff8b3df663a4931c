import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi, useDebounced, useLatest } from '../api/hooks';
import { ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { formatTime, newIdempotencyKey } from '../common/format';
import { CHANNEL_LABELS, townshipName, URGENCY_LABELS } from '../labels';
import { rememberCase } from './progress';
import { ResultPanel } from './ResultPanel';
import { RoutingPreviewCard } from './RoutingPreviewCard';
import type {
  ComplaintReceipt,
  MatterType,
  Place,
  RoutingPreview,
  SimilarCase,
} from './types';

const SIMILAR_TEXT_CHARS = 300;

interface FormValues {
  caller?: { name?: string; phone?: string; anonymous?: boolean; confidential?: boolean };
  address?: { text?: string; township?: string; village?: string; estate?: string; building?: string };
  category?: string;
  title?: string;
  description?: string;
  channel?: string;
  urgency?: string;
  happenedAt?: Dayjs;
  propertyCompany?: string;
}

export interface Outcome {
  receipt: ComplaintReceipt;
  preview?: RoutingPreview;
  attachedTo?: SimilarCase;
}

const PLACE_KIND: Record<string, string> = {
  township: '镇街',
  village: '村',
  community: '社区',
};

function addressText(c: SimilarCase): string {
  if (!c.address) return '';
  return typeof c.address === 'string' ? c.address : (c.address.text ?? '');
}

/** The place name the operator is typing: the address's last word. */
function placePrefix(text: string): string {
  const trimmed = text.trim();
  const parts = trimmed.split(/[\s,，、]+/);
  return parts[parts.length - 1] ?? '';
}

function bodyOf(values: FormValues, township: string | undefined) {
  const caller = values.caller ?? {};
  const anonymous = Boolean(caller.anonymous);
  return {
    caller: {
      name: anonymous ? undefined : caller.name?.trim() || undefined,
      phone: anonymous ? undefined : caller.phone?.trim() || undefined,
      anonymous,
      confidential: Boolean(caller.confidential),
    },
    address: {
      text: values.address?.text ?? '',
      township: township || undefined,
      village: values.address?.village || undefined,
      estate: values.address?.estate?.trim() || undefined,
      building: values.address?.building?.trim() || undefined,
    },
    category: values.category || undefined,
    title: values.title?.trim() || undefined,
    description: values.description ?? '',
    channel: values.channel ?? 'hotline',
    urgency: values.urgency ?? 'normal',
    happenedAt: values.happenedAt ? values.happenedAt.toISOString() : undefined,
    propertyCompany: values.propertyCompany?.trim() || undefined,
    attachments: [],
  };
}

/**
 * 受理: the operator's form, built for the keyboard. Tab walks the fields in
 * the order a call goes, Enter in a line field or Ctrl+Enter anywhere saves,
 * Alt+1…9 attaches the complaint to a suggested open case instead.
 */
export function ComplaintForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const firstField = useRef<HTMLInputElement | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [outcome, setOutcome] = useState<Outcome>();

  const description = Form.useWatch('description', form) ?? '';
  const address = Form.useWatch(['address', 'text'], form) ?? '';
  const chosenTownship = Form.useWatch(['address', 'township'], form);
  const category = Form.useWatch('category', form);
  const anonymous = Form.useWatch(['caller', 'anonymous'], form);

  /** Townships among which the operator must choose (同名村). */
  const [ambiguous, setAmbiguous] = useState<string[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);

  const matterTypes = useApi<unknown>('routing', '/matter-types');
  const matterOptions = useMemo(
    () =>
      listOf<MatterType & { label?: string; title?: string; selectableOnly?: boolean }>(
        matterTypes.data,
      ).map((m) => ({
        value: m.code,
        label: m.name ?? m.label ?? m.title ?? m.code,
      })),
    [matterTypes.data],
  );

  const prefix = useDebounced(placePrefix(address), 200);
  useEffect(() => {
    if (!prefix) {
      setPlaces([]);
      return;
    }
    const controller = new AbortController();
    api<unknown>('routing', '/places', { query: { prefix }, signal: controller.signal })
      .then((data) => setPlaces(listOf<Place>(data)))
      .catch(() => setPlaces([]));
    return () => controller.abort();
  }, [prefix]);

  const draft = useDebounced(
    { description, address, category, township: chosenTownship },
    300,
  );
  const [preview, setPreview] = useState<RoutingPreview>();
  const [previewError, setPreviewError] = useState<unknown>();
  const [previewing, setPreviewing] = useState(false);
  const [similar, setSimilar] = useState<SimilarCase[]>([]);

  useEffect(() => {
    if (draft.description.trim().length < 2 && draft.address.trim().length < 2) {
      setPreview(undefined);
      setPreviewError(undefined);
      setSimilar([]);
      return;
    }
    const controller = new AbortController();
    setPreviewing(true);
    api<RoutingPreview>('routing', '/routing/preview', {
      body: {
        description: draft.description,
        address: draft.address,
        category: draft.category || undefined,
        township: draft.township || undefined,
      },
      signal: controller.signal,
    })
      .then((p) => {
        setPreview(p);
        setPreviewError(undefined);
        setPreviewing(false);
      })
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        setPreviewError(err);
        setPreviewing(false);
      });
    return () => controller.abort();
  }, [draft]);

  /** 重复投诉: open cases alike, by what was typed and what routing read from it. */
  const likelyTownship = draft.township || preview?.township || undefined;
  const likelyCategory = draft.category || preview?.matterTypes?.[0]?.matterType || undefined;
  useEffect(() => {
    if (draft.description.trim().length < 2 && draft.address.trim().length < 2) return;
    const controller = new AbortController();
    api<unknown>('intake', '/complaints/similar', {
      query: {
        township: likelyTownship,
        category: likelyCategory,
        // The opening of a long complaint is enough to compare by, and keeps
        // the query string within what servers accept.
        text: draft.description.slice(0, SIMILAR_TEXT_CHARS),
        address: draft.address.slice(0, SIMILAR_TEXT_CHARS),
      },
      signal: controller.signal,
    })
      .then((data) => setSimilar(listOf<SimilarCase>(data).slice(0, 9)))
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setSimilar([]);
      });
    return () => controller.abort();
  }, [draft, likelyTownship, likelyCategory]);

  /** The gazetteer or the router saw a village name under several townships. */
  useEffect(() => {
    const candidates = preview?.townshipCandidates ?? [];
    if (!preview?.township && candidates.length > 1) {
      setAmbiguous((current) =>
        current.length > 1 && current.join() === candidates.join() ? current : candidates,
      );
    }
  }, [preview]);

  function choosePlace(name: string) {
    const place = places.find((p) => p.name === name);
    if (!place) return;
    form.setFieldValue(['address', 'village'], place.kind === 'township' ? undefined : place.name);
    if (place.townships.length === 1) {
      form.setFieldValue(['address', 'township'], place.townships[0]);
      setAmbiguous([]);
    } else if (place.townships.length > 1) {
      form.setFieldValue(['address', 'township'], undefined);
      setAmbiguous(place.townships);
    }
  }

  function reset() {
    form.resetFields();
    setAmbiguous([]);
    setPreview(undefined);
    setSimilar([]);
    setSaveError(undefined);
    setOutcome(undefined);
    setIdempotencyKey(newIdempotencyKey());
    setTimeout(() => firstField.current?.focus(), 0);
  }

  async function save(values: FormValues) {
    setSaving(true);
    setSaveError(undefined);
    try {
      const receipt = await api<ComplaintReceipt>('intake', '/complaints', {
        body: bodyOf(values, values.address?.township),
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      rememberCase(receipt.caseNumber, receipt.caseId);
      setOutcome({ receipt, preview });
      message.success(`已受理，案件编号 ${receipt.caseNumber}`);
    } catch (err) {
      setSaveError(err);
      showProblemOnForm(form, err);
    } finally {
      setSaving(false);
    }
  }

  async function attach(target: SimilarCase) {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const result = await api<Partial<ComplaintReceipt>>(
        'intake',
        `/complaints/${encodeURIComponent(target.caseId)}/repeats`,
        {
          body: {
            caller: bodyOf(values, undefined).caller,
            description: values.description ?? '',
            channel: values.channel ?? 'hotline',
          },
          headers: { 'Idempotency-Key': idempotencyKey },
        },
      );
      setOutcome({
        receipt: {
          caseId: result?.caseId ?? target.caseId,
          caseNumber: result?.caseNumber ?? target.caseNumber ?? target.caseId,
          status: result?.status ?? target.status,
          receivedAt: result?.receivedAt,
        },
        attachedTo: target,
      });
      message.success(`已关联到案件 ${target.caseNumber ?? ''}`);
    } catch (err) {
      setSaveError(err);
      showProblemOnForm(form, err);
    } finally {
      setSaving(false);
    }
  }

  const shortcuts = useLatest({ similar, attach, outcome, reset, submit: () => form.submit() });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const s = shortcuts.current;
      if (s.outcome) {
        if (event.key === 'F2' || (event.key === 'Enter' && event.ctrlKey)) {
          event.preventDefault();
          s.reset();
        }
        return;
      }
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        s.submit();
        return;
      }
      if (event.altKey && /^[1-9]$/.test(event.key)) {
        const target = s.similar[Number(event.key) - 1];
        if (target) {
          event.preventDefault();
          void s.attach(target);
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts]);

  if (outcome) {
    return <ResultPanel outcome={outcome} onNext={reset} />;
  }

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title="受理登记"
          extra={
            <Typography.Text type="secondary">
              Enter / Ctrl+Enter 提交 · Alt+数字 关联重复件
            </Typography.Text>
          }
        >
          {saveError ? (
            <div style={{ marginBottom: 12 }}>
              <ErrorAlert error={saveError} />
            </div>
          ) : null}
          <Form<FormValues>
            form={form}
            layout="vertical"
            onFinish={save}
            initialValues={{ channel: 'hotline', urgency: 'normal' }}
            data-testid="complaint-form"
          >
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item label="来电号码" name={['caller', 'phone']}>
                  <Input
                    ref={(el) => {
                      firstField.current = el?.input ?? null;
                    }}
                    autoFocus
                    disabled={anonymous}
                    inputMode="tel"
                    placeholder="138xxxxxxxx"
                    id="caller-phone"
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="来电人" name={['caller', 'name']}>
                  <Input disabled={anonymous} id="caller-name" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label=" " colon={false}>
                  <Space>
                    <Form.Item name={['caller', 'anonymous']} valuePropName="checked" noStyle>
                      <Checkbox>匿名</Checkbox>
                    </Form.Item>
                    <Form.Item name={['caller', 'confidential']} valuePropName="checked" noStyle>
                      <Checkbox>保密</Checkbox>
                    </Form.Item>
                  </Space>
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              label="事发地址"
              name={['address', 'text']}
              rules={[{ required: true, whitespace: true, message: '请填写事发地址' }]}
            >
              <AutoComplete
                id="address-text"
                options={places.map((p) => ({
                  value: p.name,
                  label: (
                    <Space>
                      <span>{p.name}</span>
                      <Tag>{PLACE_KIND[p.kind] ?? p.kind}</Tag>
                      <Typography.Text type="secondary">
                        {p.townships.map(townshipName).join('、')}
                      </Typography.Text>
                      {p.townships.length > 1 ? <Tag color="orange">同名</Tag> : null}
                    </Space>
                  ),
                }))}
                onSelect={(value: string) => choosePlace(value)}
                placeholder="镇街 / 村居 / 小区 楼栋，例如：龙桥街道幸福小区3号楼"
              />
            </Form.Item>
            <Form.Item name={['address', 'village']} hidden>
              <Input />
            </Form.Item>
            {ambiguous.length > 1 ? (
              <Form.Item
                label="所属镇街（同名村居，请向来电人确认）"
                name={['address', 'township']}
                rules={[{ required: true, message: '该地名在多个镇街都有，请选择所属镇街' }]}
                data-testid="township-choice"
              >
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={ambiguous.map((t) => ({ value: t, label: townshipName(t) }))}
                />
              </Form.Item>
            ) : (
              <Form.Item name={['address', 'township']} hidden>
                <Input />
              </Form.Item>
            )}
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item label="小区" name={['address', 'estate']}>
                  <Input id="address-estate" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="楼栋单元" name={['address', 'building']}>
                  <Input id="address-building" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              label="诉求内容"
              name="description"
              rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }]}
            >
              <Input.TextArea
                id="description"
                autoSize={{ minRows: 3, maxRows: 10 }}
                showCount={{ formatter: ({ count }) => `${count} / 5000` }}
                placeholder="发生了什么、持续多久、影响谁"
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item label="事项类型（可不选，系统自动识别）" name="category">
                  <Select
                    id="category"
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    loading={matterTypes.loading}
                    options={matterOptions}
                    placeholder="自动识别"
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="紧急程度" name="urgency">
                  <Radio.Group
                    options={Object.entries(URGENCY_LABELS).map(([value, label]) => ({
                      value,
                      label,
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item label="来源渠道" name="channel">
                  <Select
                    id="channel"
                    options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({
                      value,
                      label,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="发生时间" name="happenedAt">
                  <DatePicker showTime style={{ width: '100%' }} placeholder="可不填" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="物业服务企业" name="propertyCompany">
                  <Input id="property-company" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="标题（可不填）" name="title">
              <Input id="title" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="submit">
                提交受理（Enter）
              </Button>
              <Button onClick={reset}>清空</Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <RoutingPreviewCard
            preview={preview}
            loading={previewing}
            error={previewError}
            matterNames={Object.fromEntries(matterOptions.map((m) => [m.value, m.label]))}
          />
          <Card size="small" title="疑似重复诉求" data-testid="similar-cases">
            {similar.length === 0 ? (
              <Typography.Text type="secondary">暂无在办的相似案件</Typography.Text>
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Alert
                  type="info"
                  showIcon
                  message="同一事项已有在办案件，可按 Alt+序号 直接关联，不再新建。"
                />
                {similar.map((c, index) => (
                  <Card
                    key={c.caseId}
                    size="small"
                    type="inner"
                    data-testid="similar-case"
                    title={
                      <Space wrap>
                        <Tag color="volcano">Alt+{index + 1}</Tag>
                        <span>{c.caseNumber ?? c.caseId}</span>
                      </Space>
                    }
                    extra={
                      <Button size="small" onClick={() => void attach(c)} disabled={saving}>
                        关联
                      </Button>
                    }
                  >
                    <Typography.Paragraph
                      style={{ marginBottom: 4, wordBreak: 'break-word' }}
                      ellipsis={{ rows: 2 }}
                    >
                      {c.title ?? c.description ?? ''}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                      {addressText(c)} · {formatTime(c.receivedAt)}
                    </Typography.Text>
                  </Card>
                ))}
              </Space>
            )}
          </Card>
          {previewError ? null : preview && (preview.townshipCandidates ?? []).length > 1 && !chosenTownship ? (
            <Alert type="warning" showIcon message="地址对应多个镇街，提交前请确认所属镇街。" />
          ) : null}
        </Space>
      </Col>
    </Row>
  );
}
